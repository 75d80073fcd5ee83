package de.ipnetz.analysis;

import java.io.IOException;
import java.io.StringReader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.de.GermanStemFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * The part of Elasticsearch's analysis-common module that ipnetz's German search needs, for the
 * integ-test distribution, which ships without that module. Built from Lucene's own filters
 * through the stable plugin API; the names and settings match analysis-common's, so the same
 * index settings work on a full Elasticsearch cluster.
 */
public final class Filters {
    private Filters() {}

    @NamedComponent("german_normalization")
    public static final class GermanNormalization implements TokenFilterFactory {
        @Override
        public TokenStream create(TokenStream input) {
            return new GermanNormalizationFilter(input);
        }

        @Override
        public TokenStream normalize(TokenStream input) {
            return create(input);
        }
    }

    @NamedComponent("german_stem")
    public static final class GermanStem implements TokenFilterFactory {
        @Override
        public TokenStream create(TokenStream input) {
            return new GermanStemFilter(input);
        }
    }

    /** {@code stemmer} for the German languages: german, light_german, minimal_german. */
    @NamedComponent("stemmer")
    public static final class Stemmer implements TokenFilterFactory {
        private final String language;

        @Inject
        public Stemmer(Settings settings) {
            language = settings.language();
            if (!language.matches("german|light_german|minimal_german")) {
                throw new IllegalArgumentException(
                    "stemmer language [" + language + "] is not available on this test node"
                );
            }
        }

        @Override
        public TokenStream create(TokenStream input) {
            return switch (language) {
                case "german" -> new GermanStemFilter(input);
                case "minimal_german" -> new GermanMinimalStemFilter(input);
                default -> new GermanLightStemFilter(input);
            };
        }
    }

    @NamedComponent("german_stop")
    public static final class GermanStop implements TokenFilterFactory {
        @Override
        public TokenStream create(TokenStream input) {
            return new StopFilter(input, GermanAnalyzer.getDefaultStopSet());
        }
    }

    @NamedComponent("asciifolding")
    public static final class AsciiFolding implements TokenFilterFactory {
        private final boolean preserveOriginal;

        @Inject
        public AsciiFolding(Settings settings) {
            preserveOriginal = settings.preserveOriginal();
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new ASCIIFoldingFilter(input, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream input) {
            return create(input);
        }
    }

    @NamedComponent("edge_ngram")
    public static final class EdgeNGram implements TokenFilterFactory {
        private final Settings settings;

        @Inject
        public EdgeNGram(Settings settings) {
            this.settings = settings;
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new EdgeNGramTokenFilter(
                input, settings.minGram(), settings.maxGram(), settings.preserveOriginal()
            );
        }
    }

    @NamedComponent("edge_ngram")
    public static final class EdgeNGramTokens implements TokenizerFactory {
        private final Settings settings;

        @Inject
        public EdgeNGramTokens(Settings settings) {
            this.settings = settings;
        }

        @Override
        public Tokenizer create() {
            return new EdgeNGramTokenizer(settings.minGram(), settings.maxGram());
        }
    }

    @NamedComponent("keyword")
    public static final class KeywordTokens implements TokenizerFactory {
        @Override
        public Tokenizer create() {
            return new KeywordTokenizer();
        }
    }

    @NamedComponent("whitespace")
    public static final class WhitespaceTokens implements TokenizerFactory {
        @Override
        public Tokenizer create() {
            return new WhitespaceTokenizer();
        }
    }

    /**
     * {@code synonym_graph} with inline Solr-format rules. Rules are tokenized with the standard
     * tokenizer and lower-cased (analysis-common uses the preceding chain), so put the filter
     * after {@code lowercase}.
     */
    @NamedComponent("synonym_graph")
    public static final class SynonymGraph implements TokenFilterFactory {
        private final SynonymMap map;

        @Inject
        public SynonymGraph(Settings settings) {
            map = buildMap(settings);
        }

        @Override
        public TokenStream create(TokenStream input) {
            return map.fst == null ? input : new SynonymGraphFilter(input, map, true);
        }
    }

    @NamedComponent("synonym")
    public static final class Synonym implements TokenFilterFactory {
        private final SynonymMap map;

        @Inject
        public Synonym(Settings settings) {
            map = buildMap(settings);
        }

        @Override
        public TokenStream create(TokenStream input) {
            return map.fst == null ? input : new SynonymGraphFilter(input, map, true);
        }
    }

    static SynonymMap buildMap(Settings settings) {
        Analyzer ruleAnalyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, settings.expand(), ruleAnalyzer);
            parser.parse(new StringReader(String.join("\n", settings.synonyms())));
            return parser.build();
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
        }
    }

    /** The {@code german} analyzer: standard tokens, lower case, German stop words and stems. */
    @NamedComponent("german")
    public static final class German implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new GermanAnalyzer();
        }
    }
}
