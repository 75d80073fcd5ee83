"""The real services of the test run: a throw-away Elasticsearch node and Debian's PostgreSQL.

Standard library only: ``dev.py`` imports this before the virtual environment exists. Each
``start_*`` function returns a handle with ``url``/``stop()``, or raises ``ServiceUnavailable``
whose message is the one line the test command prints. Everything started here is stopped by
``stop()``; a service that was already running is left running.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

ES_GROUP = "org.elasticsearch.distribution.integ-test-zip"
ES_ARTIFACT = "elasticsearch"
# The newest 8.19.x is resolved through Maven each run; this one is used when that fails
# (offline with an older local metadata file, a flaky mirror). Known to start on Java 17.
ES_PINNED_VERSION = "8.19.21"
ES_VERSION_RANGE = "[8.19.0,8.20.0)"
ES_USER = "ipnetz-es"  # Elasticsearch refuses to run as root
ES_PORT = 9250  # away from a developer's own node on 9200
ES_START_TIMEOUT = 180

PG_ROLE = "ipnetz"
PG_DATABASE = "ipnetz"


class ServiceUnavailable(Exception):
    """The service cannot be provided here; the message is a single line for the summary."""


def log(message: str) -> None:
    print(f"    {message}", flush=True)


def _free_port(start: int, *, span: int = 50) -> int:
    for port in range(start, start + span):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As the JVM does: a port left in TIME_WAIT by the previous run is free to use.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ServiceUnavailable(f"no free port in {start}–{start + span - 1} on 127.0.0.1")


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


# --------------------------------------------------------------------------- Elasticsearch


@dataclass
class Elasticsearch:
    url: str
    version: str
    process: subprocess.Popen
    home: Path
    plugins: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    startup_seconds: float = 0.0

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # The node runs in its own session (process group): signal the whole group so that the
        # JVM and its controller process both go, then wait for a clean shutdown.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        log(f"Elasticsearch {self.version} stopped")


_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ipnetz</groupId>
  <artifactId>elasticsearch-resolve</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>{group}</groupId>
      <artifactId>{artifact}</artifactId>
      <version>{version}</version>
      <type>zip</type>
    </dependency>
  </dependencies>
</project>
"""


def _mvn(args: list[str], *, cwd: Path, offline: bool = False) -> subprocess.CompletedProcess:
    cmd = ["mvn", "-B", "-q", *(["-o"] if offline else []), *args]
    return _run(cmd, cwd=cwd, timeout=900)


def resolve_elasticsearch_version(cache: Path) -> str:
    """The newest 8.19.x that Maven can resolve (this also puts the zip into ``~/.m2``)."""
    work = cache / "es-resolve"
    work.mkdir(parents=True, exist_ok=True)
    (work / "pom.xml").write_text(
        _POM.format(group=ES_GROUP, artifact=ES_ARTIFACT, version=ES_VERSION_RANGE)
    )
    listing = work / "resolved.txt"
    for offline in (False, True):
        listing.unlink(missing_ok=True)
        result = _mvn(["dependency:list", f"-DoutputFile={listing}"], cwd=work, offline=offline)
        text = listing.read_text() if listing.exists() else ""
        found = re.search(rf"{re.escape(ES_GROUP)}:{ES_ARTIFACT}:zip:(8\.19\.\d+)", text)
        if result.returncode == 0 and found:
            return found.group(1)
    log(f"could not resolve {ES_VERSION_RANGE} with Maven; using the pinned {ES_PINNED_VERSION}")
    return ES_PINNED_VERSION


def _unpack_elasticsearch(cache: Path, version: str) -> Path:
    home = cache / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    coordinates = f"{ES_GROUP}:{ES_ARTIFACT}:{version}:zip"
    result = _mvn(
        ["dependency:copy", f"-Dartifact={coordinates}", f"-DoutputDirectory={downloads}"],
        cwd=cache / "es-resolve",
    )
    archive = downloads / f"{ES_ARTIFACT}-{version}.zip"
    if result.returncode != 0 or not archive.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        raise ServiceUnavailable(f"Maven could not fetch {coordinates}: {' '.join(tail)}")
    log(f"unpacking {archive.name} into {home}")
    staging = cache / f".unpack-{version}"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            target = Path(zipped.extract(member, staging))
            mode = member.external_attr >> 16
            if mode and not member.is_dir():
                target.chmod(mode & 0o777)  # zipfile drops the executable bits of bin/*
    (staging / f"elasticsearch-{version}").rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    archive.unlink()
    return home


PLUGIN_SOURCES = Path(__file__).resolve().parent / "elasticsearch-plugins"
_EXTENSIBLES = {
    "TokenFilterFactory": "org.elasticsearch.plugin.analysis.TokenFilterFactory",
    "TokenizerFactory": "org.elasticsearch.plugin.analysis.TokenizerFactory",
    "AnalyzerFactory": "org.elasticsearch.plugin.analysis.AnalyzerFactory",
}
_COMPONENT = re.compile(
    r'@NamedComponent\("(?P<name>\w+)"\)\s*public static final class (?P<cls>\w+)'
    r"\s+implements (?P<kind>\w+)"
)


def install_plugins(home: Path, version: str) -> list[str]:
    """Compile each folder of ``scripts/elasticsearch-plugins`` into ``home/plugins``.

    The integ-test zip lacks modules the portal relies on: analysis-common (German
    normalization and stemming, synonym graph, edge n-grams) and rest-root (``GET /``, which the
    Python client's ``info()`` and ``ping()`` call). These small plugins provide them from
    Lucene's and the server's own classes, under the same names and settings, so the same index
    definitions work on a full cluster. A plugin is rebuilt when its sources or the version change.
    """
    if not shutil.which("javac"):
        raise ServiceUnavailable("javac not found (apt-get install default-jdk-headless)")
    java = _run(["java", "-XshowSettings:properties", "-version"]).stderr
    spec = re.search(r"java\.specification\.version = (\S+)", java)
    java_version = spec.group(1) if spec else "17"
    installed = []
    for folder in sorted(p for p in PLUGIN_SOURCES.iterdir() if (p / "plugin.properties").exists()):
        _build_plugin(folder, home, version, java_version)
        installed.append(folder.name)
    return installed


def _build_plugin(folder: Path, home: Path, version: str, java_version: str) -> None:
    name = folder.name
    sources = sorted((folder / "src").rglob("*.java"))
    properties = (folder / "plugin.properties").read_text()
    digest = hashlib.sha256(version.encode() + properties.encode())
    for source in sources:
        digest.update(source.read_bytes())
    stamp = home / f".{name}.sha256"
    target = home / "plugins" / name
    if stamp.exists() and stamp.read_text() == digest.hexdigest() and target.exists():
        return
    log(f"building the Elasticsearch plugin {name}")
    classes = home / f".{name}-classes"
    shutil.rmtree(classes, ignore_errors=True)
    result = _run(["javac", "-d", str(classes), "-cp", str(home / "lib" / "*"), *map(str, sources)])
    if result.returncode != 0:
        raise ServiceUnavailable(f"plugin {name} does not compile: {result.stderr[-800:]}")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with zipfile.ZipFile(target / f"{name}.jar", "w") as jar:
        for path in sorted(classes.rglob("*.class")):
            jar.write(path, path.relative_to(classes).as_posix())
    shutil.rmtree(classes, ignore_errors=True)

    components: dict[str, dict[str, str]] = {}
    for source in sources:
        text = source.read_text()
        package = re.search(r"^package ([\w.]+);", text, re.MULTILINE).group(1)
        for found in _COMPONENT.finditer(text):
            components.setdefault(_EXTENSIBLES[found["kind"]], {})[found["name"]] = (
                f"{package}.{source.stem}${found['cls']}"
            )
    descriptor = [line for line in properties.splitlines() if line and not line.startswith("#")]
    descriptor += [
        f"name={name}",
        f"version={version}",
        f"java.version={java_version}",
        f"elasticsearch.version={version}",
    ]
    if components:  # stable plugin API: components named in named_components.json
        (target / "named_components.json").write_text(json.dumps(components, indent=1))
        descriptor_file = "stable-plugin-descriptor.properties"
    else:  # classic plugin: a Plugin subclass named by classname=
        descriptor_file = "plugin-descriptor.properties"
    (target / descriptor_file).write_text("\n".join(descriptor) + "\n")
    stamp.write_text(digest.hexdigest())


def _java_home() -> str:
    java = shutil.which("java")
    if not java:
        raise ServiceUnavailable("java/mvn not found")
    return str(Path(java).resolve().parent.parent)


def _ensure_es_user() -> tuple[int, int]:
    import pwd  # POSIX only; imported here so that dev.py still loads elsewhere

    try:
        entry = pwd.getpwnam(ES_USER)
    except KeyError:
        result = _run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ES_USER]
        )
        if result.returncode != 0:
            raise ServiceUnavailable(
                f"cannot create the user {ES_USER} for Elasticsearch: {result.stderr.strip()}"
            ) from None
        entry = pwd.getpwnam(ES_USER)
    return entry.pw_uid, entry.pw_gid


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)


def _get_json(url: str, *, timeout: float = 5) -> tuple[dict | list, Message]:
    """The decoded body and the headers (case-insensitive: the node sends X-elastic-product)."""
    # Only ever the loopback node this module started (http://127.0.0.1:<port>).
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return json.loads(response.read()), response.headers


def start_elasticsearch(cache: Path) -> Elasticsearch:
    """Resolve, unpack and start a single-node Elasticsearch 8.19.x on 127.0.0.1."""
    if not (shutil.which("java") and shutil.which("mvn")):
        raise ServiceUnavailable("java/mvn not found")
    cache.mkdir(parents=True, exist_ok=True)
    version = resolve_elasticsearch_version(cache)
    home = _unpack_elasticsearch(cache, version)
    plugins_built = install_plugins(home, version)
    run_dir = cache / "es-run"
    shutil.rmtree(run_dir, ignore_errors=True)  # a fresh node for every run: no stale indices
    (run_dir / "data").mkdir(parents=True)
    (run_dir / "logs").mkdir()
    (run_dir / "tmp").mkdir()
    port = _free_port(ES_PORT)
    transport = _free_port(port + 100)

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(run_dir),
        "ES_JAVA_HOME": _java_home(),
        "ES_JAVA_OPTS": "-Xms512m -Xmx512m",
        "ES_TMPDIR": str(run_dir / "tmp"),
    }
    user_kwargs: dict = {}
    if os.geteuid() == 0:
        uid, gid = _ensure_es_user()
        _chown_tree(home, uid, gid)  # the node writes its keystore into config/
        _chown_tree(run_dir, uid, gid)
        user_kwargs = {"user": uid, "group": gid, "extra_groups": []}
    settings = {
        "cluster.name": "ipnetz-test",
        "node.name": "ipnetz-test-node",
        "discovery.type": "single-node",
        "network.host": "127.0.0.1",  # on loopback the production bootstrap checks stay warnings
        "http.port": str(port),
        "transport.port": str(transport),
        "path.data": str(run_dir / "data"),
        "path.logs": str(run_dir / "logs"),
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        # The integ-test zip carries x-pack-core and x-pack-security; switching security off
        # explicitly also stops the first start from rewriting config/ with TLS certificates.
        "xpack.security.enabled": "false",
        "action.destructive_requires_name": "false",  # tests delete their indices by pattern
    }
    cmd = [str(home / "bin" / "elasticsearch")]
    for key, value in settings.items():
        cmd += ["-E", f"{key}={value}"]
    console = (run_dir / "logs" / "console.log").open("wb")
    process = subprocess.Popen(
        cmd,
        cwd=run_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=console,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        **user_kwargs,
    )
    url = f"http://127.0.0.1:{port}"
    node = Elasticsearch(url=url, version=version, process=process, home=home)
    try:
        _wait_for_health(node, run_dir / "logs" / "console.log")
        # GET / only exists through our ipnetz-rest-root plugin (the zip lacks rest-root); the
        # built-in node info API answers the same question and carries the product header too.
        info, headers = _get_json(f"{url}/_nodes/_local")
        node.version = next(iter(info["nodes"].values()))["version"]
        if headers.get("X-Elastic-Product") != "Elasticsearch":
            raise ServiceUnavailable(
                f"the node at {url} does not send X-Elastic-Product: Elasticsearch; "
                "the Python client would refuse it"
            )
        plugins, _ = _get_json(f"{url}/_cat/plugins?format=json")
        nodes, _ = _get_json(f"{url}/_nodes/plugins")
        node.plugins = sorted(entry["component"] for entry in plugins)
        if missing := set(plugins_built) - set(node.plugins):
            raise ServiceUnavailable(f"the node did not load the plugins {sorted(missing)}")
        node.modules = sorted(
            module["name"] for data in nodes["nodes"].values() for module in data["modules"]
        )
        (run_dir / "modules.json").write_text(
            json.dumps({"plugins": node.plugins, "modules": node.modules}, indent=1)
        )
    except BaseException:
        node.stop()
        raise
    return node


def _wait_for_health(node: Elasticsearch, console: Path) -> None:
    deadline = time.monotonic() + ES_START_TIMEOUT
    health_url = f"{node.url}/_cluster/health?wait_for_status=yellow&timeout=2s"
    while time.monotonic() < deadline:
        if node.process.poll() is not None:
            tail = console.read_text(errors="replace").strip().splitlines()[-15:]
            raise ServiceUnavailable(
                f"Elasticsearch exited with {node.process.returncode}:\n      "
                + "\n      ".join(tail)
            )
        try:
            health, _ = _get_json(health_url, timeout=5)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(1)
            continue
        if health.get("status") in {"green", "yellow"}:
            return
        time.sleep(1)
    raise ServiceUnavailable(f"Elasticsearch did not become healthy within {ES_START_TIMEOUT}s")


# --------------------------------------------------------------------------- PostgreSQL


@dataclass
class Postgres:
    url: str
    version: str
    cluster: str
    started_here: bool
    port: str = "5432"

    def stop(self) -> None:
        if not self.started_here:
            return
        _run(["pg_ctlcluster", self.version, self.cluster, "stop"])
        log(f"PostgreSQL {self.version}/{self.cluster} stopped")


def _clusters() -> list[dict]:
    """Rows of ``pg_lsclusters`` (Debian's postgresql-common)."""
    result = _run(["pg_lsclusters", "--no-header"])
    rows = []
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4:
            rows.append(
                {"version": parts[0], "cluster": parts[1], "port": parts[2], "status": parts[3]}
            )
    return rows


def _installed_versions() -> list[str]:
    root = Path("/usr/lib/postgresql")
    found = [p.name for p in root.glob("*") if (p / "bin" / "postgres").exists()]
    return sorted(found, key=lambda v: [int(x) for x in v.split(".") if x.isdigit()])


def _psql(sql: str) -> subprocess.CompletedProcess:
    return _run(
        ["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA"],
        input=sql,
        cwd="/",
    )


def start_postgres() -> Postgres:
    """Start Debian's cluster ``<version>/main`` and provide a superuser role for the tests."""
    if not shutil.which("pg_ctlcluster") or not _installed_versions():
        raise ServiceUnavailable("PostgreSQL not installed (apt-get install postgresql)")
    if os.geteuid() != 0:
        raise ServiceUnavailable("PostgreSQL set-up needs root (pg_ctlcluster, runuser postgres)")
    clusters = [row for row in _clusters() if row["cluster"] == "main"]
    if not clusters:
        version = _installed_versions()[-1]
        log(f"creating the PostgreSQL {version}/main cluster")
        created = _run(["pg_createcluster", version, "main"])
        if created.returncode != 0:
            raise ServiceUnavailable(f"pg_createcluster failed: {created.stderr.strip()}")
        clusters = [row for row in _clusters() if row["cluster"] == "main"]
    row = max(clusters, key=lambda r: [int(x) for x in r["version"].split(".") if x.isdigit()])
    version, port = row["version"], row["port"]
    started_here = False
    if row["status"] != "online":
        result = _run(["pg_ctlcluster", version, "main", "start"])
        if result.returncode != 0:
            raise ServiceUnavailable(
                f"pg_ctlcluster {version} main start failed: {result.stderr.strip()}"
            )
        started_here = True
    server = Postgres(url="", version=version, cluster="main", started_here=started_here, port=port)
    try:
        for _ in range(30):
            if _run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", port]).returncode == 0:
                break
            time.sleep(1)
        else:
            raise ServiceUnavailable(f"PostgreSQL {version} does not answer on 127.0.0.1:{port}")
        # A fresh random password every run: nothing secret is committed or left lying around,
        # and the role needs to be a superuser so that pytest-django may create test_ipnetz.
        password = secrets.token_urlsafe(18)  # URL-safe alphabet: no quote can end the literal
        result = _psql(
            f"""
            SELECT 'CREATE ROLE {PG_ROLE}'
             WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PG_ROLE}') \\gexec
            ALTER ROLE {PG_ROLE} WITH LOGIN SUPERUSER PASSWORD '{password}';
            SELECT 'CREATE DATABASE {PG_DATABASE} OWNER {PG_ROLE}'
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{PG_DATABASE}') \\gexec
            """  # noqa: S608 - constants and a generated password, no user input
        )
        if result.returncode != 0:
            raise ServiceUnavailable(f"creating the role {PG_ROLE} failed: {result.stderr.strip()}")
        server.url = f"postgres://{PG_ROLE}:{password}@127.0.0.1:{port}/{PG_DATABASE}"
    except BaseException:
        server.stop()
        raise
    return server
