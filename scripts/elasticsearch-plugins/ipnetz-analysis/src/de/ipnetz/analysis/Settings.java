package de.ipnetz.analysis;

import java.util.List;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** The settings our components read; the names and defaults follow Elasticsearch's own. */
@AnalysisSettings
public interface Settings {
    @ListSetting(path = "synonyms")
    List<String> synonyms();

    @BooleanSetting(path = "expand", defaultValue = true)
    boolean expand();

    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();

    @StringSetting(path = "language", defaultValue = "light_german")
    String language();
}
