"""Load `paigen serve` on 127.0.0.1 and print what a county office's clerks would feel.

At once: 50 downloads of the same kit zip, 20 edit forms at the row cap, 10 uploads, while
``GET /`` is asked every 0.1 s. Prints the status codes of each kind, whether every download is
the same valid zip, and the response times. Bounded: every request has a timeout and the whole
run a deadline.

Run: .venv/bin/python benchmarks/web_load.py [--fake-kit] [--downloads 50] [--edits 20] [--uploads 10]

Without --fake-kit the sample county (samples/bazhou) is uploaded and built first, as a clerk
would; with it, a built job of 200 random 50 kB artworks is laid into the data folder instead.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "bazhou"
TIMEOUT = 180  # seconds, any one request
DEADLINE = 900  # seconds, the whole run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`paigen serve` in a process of its own, on a free port of 127.0.0.1."""

    def __init__(self, data: Path):
        self.port = free_port()
        code = "import sys; from paigen.cli import main; sys.exit(main())"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", str(self.port), "--data", str(data)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("paigen serve did not answer within 60 s")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = TIMEOUT) -> tuple[int, bytes, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            conn.close()

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err or ""


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, dict]:
    boundary = "paigen-load-" + hashlib.sha256(os.urandom(8)).hexdigest()[:16]
    out = io.BytesIO()
    for name, data in files:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                  f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def county_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(SAMPLES.iterdir()):
            archive.writestr(f"bazhou/{file.name}", file.read_bytes())
    return buffer.getvalue()


def upload(server: Server, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    body, headers = multipart(files)
    status, _, head = server.request("POST", "/upload", body, headers)
    match = re.fullmatch(r"/jobs/([0-9a-f]{32})", head.get("location", ""))
    return status, match.group(1) if match else ""


def lay_fake_kit(data: Path, job: str, files: int = 200, size: int = 50_000) -> None:
    """Make *job* a built job whose manifest lists *files* artworks of random bytes."""
    folder = data / "jobs" / job
    artifacts = []
    for n in range(files):
        rel = f"镇/村/signs/sign-{n:03d}.pdf"
        target = folder / "out" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(os.urandom(size))
        artifacts.append({"path": rel, "kind": "print", "format": "pdf"})
    (folder / "out" / "manifest.json").write_text(json.dumps({"villages": [
        {"folder": "镇/村", "township": "镇", "village": "村", "artifacts": artifacts}]}), "utf-8")
    (folder / "status.json").write_text(json.dumps({"state": "done", "villages": {}}), "utf-8")


def build(server: Server, job: str) -> float:
    started = time.monotonic()
    head = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, _ = server.request("POST", f"/jobs/{job}/build", b"", head)
    assert status == 303, status
    while True:
        state = json.loads(server.request("GET", f"/jobs/{job}/status")[1])["state"]
        if state not in ("queued", "running"):
            assert state == "done", state
            return time.monotonic() - started
        if time.monotonic() - started > DEADLINE:
            raise RuntimeError("the build did not finish in time")
        time.sleep(1)


def form_at_cap(server: Server, job: str) -> list[tuple[str, str]]:
    """The edit form of village 0 as a browser sends it, its lists claiming the row cap."""
    from html.parser import HTMLParser

    try:
        from paigen.web._profiles import MAX_FORM_ROWS, MAX_LIST_ROWS
    except ImportError:  # a paigen from before the cap: load it with the same form
        MAX_FORM_ROWS, MAX_LIST_ROWS = 3000, 1001

    page = server.request("GET", f"/jobs/{job}/edit/0")[1].decode()
    fields: list[tuple[str, str]] = []

    class Parser(HTMLParser):
        select = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "select":
                self.select = True
                fields.append((a["name"], ""))
            elif tag == "option" and self.select and "selected" in a:
                fields[-1] = (fields[-1][0], a.get("value") or "")
            elif tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
                fields.append((a["name"], a.get("value") or ""))

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = False

    Parser().feed(page)
    left = MAX_FORM_ROWS - sum(int(v) for k, v in fields if k.endswith(".rows"))
    out = []
    for key, value in fields:
        if key.endswith(".rows") and "[" not in key:  # a top-level list: claim blank rows up to the cap
            more = min(left, MAX_LIST_ROWS - int(value))
            value, left = str(int(value) + more), left - more
        out.append((key, value))
    return out


PROBE = """
import http.client, sys, threading, time
port, stop = int(sys.argv[1]), threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
while not stop.is_set():
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/")
        response = conn.getresponse()
        response.read()
        status = str(response.status)
        conn.close()
    except OSError as exc:
        status = type(exc).__name__
    print(f"{status},{time.monotonic() - started:.4f}", flush=True)
    time.sleep(0.1)
"""


def run_load(data: Path, fake_kit: bool = False, downloads: int = 50, edits: int = 20,
             uploads: int = 10) -> dict:
    """Start the server, prepare a built job and an editable one, then load them all at once."""
    server = Server(data)
    figures: dict = {}
    try:
        zipped = county_zip()
        status, kit_job = upload(server, [("bazhou.zip", zipped)])
        assert status == 303, status
        if fake_kit:
            lay_fake_kit(data, kit_job)
        else:
            figures["build_s"] = round(build(server, kit_job), 1)
        _, edit_job = upload(server, [("bazhou.zip", zipped)])
        form = urlencode(form_at_cap(server, edit_job)).encode()
        figures["edit_form_bytes"] = len(form)
        results: dict[str, list] = {"download": [], "edit": [], "upload": [], "home": []}
        lock = threading.Lock()
        gate = threading.Barrier(downloads + edits + uploads)

        def record(kind: str, func) -> None:
            started = time.monotonic()
            try:
                status, body = func()
            except OSError as exc:
                status, body = f"{type(exc).__name__}", b""
            with lock:
                results[kind].append((status, time.monotonic() - started, body))

        def download() -> None:
            gate.wait()
            record("download", lambda: server.request("GET", f"/jobs/{kit_job}/kit.zip")[:2])

        def edit() -> None:
            gate.wait()
            head = {"Content-Type": "application/x-www-form-urlencoded"}
            record("edit", lambda: (server.request("POST", f"/jobs/{edit_job}/edit/0", form, head)[0], b""))

        def send() -> None:
            gate.wait()
            record("upload", lambda: (upload(server, [("bazhou.zip", zipped)])[0], b""))

        # GET / is timed by a process of its own, so the load's client threads cannot delay it
        prober = subprocess.Popen([sys.executable, "-c", PROBE, str(server.port)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        kinds = [download] * downloads + [edit] * edits + [send] * uploads
        threads = [threading.Thread(target=f) for f in kinds]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(1.0, DEADLINE - (time.monotonic() - started)))
        figures["load_s"] = round(time.monotonic() - started, 1)
        probed, _ = prober.communicate("stop\n", timeout=60)
        for line in probed.split():
            status, seconds = line.split(",")
            results["home"].append((int(status) if status.isdigit() else status, float(seconds), b""))
    finally:
        figures["server_log"] = server.stop()[-4000:]
    bodies = [body for status, _, body in results["download"] if status == 200]
    valid = 0
    for body in bodies:
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                valid += archive.testzip() is None
        except zipfile.BadZipFile:
            pass
    for kind, rows in results.items():
        times = sorted(t for _, t, _ in rows)
        codes: dict = {}
        for status, _, _ in rows:
            codes[str(status)] = codes.get(str(status), 0) + 1
        figures[kind] = {"count": len(rows), "status": codes, "over_1s": sum(t > 1 for t in times),
                         "median_s": round(statistics.median(times), 3) if times else None,
                         "max_s": round(times[-1], 3) if times else None}
    distinct = len({hashlib.sha256(b).hexdigest() for b in bodies})
    size = len(bodies[0]) if bodies else 0
    figures["download"].update(valid_zips=valid, distinct_zips=distinct, zip_bytes=size)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake-kit", action="store_true", help="lay a built job in place of a real build")
    parser.add_argument("--downloads", type=int, default=50)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = run_load(Path(tmp) / "data", args.fake_kit, args.downloads, args.edits, args.uploads)
    log = figures.pop("server_log")
    for key, value in figures.items():
        print(f"{key:16} {value}")
    fives = sum(n for kind in ("download", "edit", "upload", "home")
                for code, n in figures[kind]["status"].items() if not code.isdigit() or code >= "500")
    print(f"{'5xx or errors':16} {fives}")
    if log.strip():
        print("server log (tail):\n" + log)


if __name__ == "__main__":
    main()
