#!/usr/bin/env python3
"""Crash-safety run for one database (called by bench/crash.sh).

Starts `govguard serve --demo` on a data folder, seeds an API token and an agent, and then, ROUNDS times:
drives evidence uploads and audited comments against the server while the demo monitors write results and
an agent follows a growing access log; kills the server with SIGKILL 0.5-5 s after it answered; restarts it;
pauses the load and checks: `govguard audit verify` passes, every file row has its file with the right
SHA-256 and size, no file in the store lacks a row, no temporary upload file is left, and every upload the
client saw acknowledged (201) is present. At the end it waits for the agent and compares the attacks
written to the log with what the server holds (none lost, none twice). Prints the figures; exit 1 on any failure.
"""
import argparse
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


def log(msg):
    print(f"crash: {msg}", file=sys.stderr, flush=True)


class Api:
    def __init__(self, base):
        self.base = base
        self.token = None

    def call(self, method, path, body=None, content_type="application/json", timeout=15):
        data = None
        headers = {}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw and r.headers.get("Content-Type", "").startswith("application/json") else raw)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw


def multipart(fields, filename, content):
    boundary = uuid.uuid4().hex
    parts = []
    for k, v in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f'Content-Type: text/plain\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


class Run:
    def __init__(self, a):
        self.a = a
        self.kind = a.kind
        self.dir = a.dir
        self.data = os.path.join(a.dir, "data")
        self.port = a.port
        self.base = f"http://127.0.0.1:{self.port}"
        self.api = Api(self.base)
        self.proc = None
        self.failures = []
        self.paused = threading.Event()
        self.stop = threading.Event()
        self.inflight = 0
        self.lock = threading.Lock()
        self.acked = {}          # evidence id -> (sha256, size)
        self.attempted = 0
        self.comments_acked = 0
        self.lines_written = 0
        self.serve_log = open(os.path.join(a.dir, "serve.log"), "ab")

    # --- the server ---------------------------------------------------------------------------------------
    def db_args(self):
        return ["--data", self.data] + (["--db", self.a.conn] if self.kind == "postgres" else [])

    def start(self):
        out = os.path.join(self.dir, "serve.out")
        self.out = open(out, "wb")
        self.proc = subprocess.Popen([self.a.govguard, "serve", "--urls", self.base, "--demo"] + self.db_args(),
                                     stdout=self.out, stderr=self.serve_log, start_new_session=True)
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"crash: govguard serve exited with {self.proc.returncode}; see {self.dir}/serve.log")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200 and b"demo mode" in open(out, "rb").read():
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise SystemExit("crash: govguard serve did not become ready in 180 s")

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.out.close()

    # --- seeding ------------------------------------------------------------------------------------------
    def seed(self):
        text = open(os.path.join(self.dir, "serve.out"), encoding="utf-8").read()
        m = re.search(r"^\s+customer\s+(\S+)\s+(\S+)", text, re.M)
        if not m:
            raise SystemExit("crash: the demo did not print the customer's sign-in")
        status, tok = self.api.call("POST", "/api/v1/auth/token", {"userName": m.group(1), "password": m.group(2), "name": "crash", "days": 30})
        if status != 201:
            raise SystemExit(f"crash: no API token ({status}: {tok})")
        self.api.token = tok["secret"]
        status, sites = self.api.call("GET", "/api/v1/websites")
        items = sites["items"] if isinstance(sites, dict) and "items" in sites else sites
        self.website = items[0]["id"]
        status, duties = self.api.call("GET", f"/api/v1/websites/{self.website}/duties?role=customer")
        rows = duties["items"] if isinstance(duties, dict) and "items" in duties else duties.get("duties", duties)
        self.duty = rows[0]["id"] if "id" in rows[0] else rows[0]["dutyId"]
        status, agent = self.api.call("POST", f"/api/v1/websites/{self.website}/agents", {"name": "crash-agent", "silenceSeconds": 600})
        if status != 201:
            raise SystemExit(f"crash: could not register the agent ({status}: {agent})")
        self.agent_id = agent["id"]
        self.agent_token = agent["token"]

    # --- load ---------------------------------------------------------------------------------------------
    def gate(self):
        while self.paused.is_set() and not self.stop.is_set():
            time.sleep(0.02)
        with self.lock:
            self.inflight += 1

    def done(self):
        with self.lock:
            self.inflight -= 1

    def uploader(self, n):
        rnd = random.Random(n)
        while not self.stop.is_set():
            self.gate()
            try:
                size = rnd.choice([200, 5_000, 60_000, 400_000, 2_000_000])
                line = f"crash upload {uuid.uuid4()} ".encode()
                content = (line * (size // len(line) + 1))[:size]
                body, ctype = multipart({"kind": "document", "title": "崩溃测试 crash upload"}, f"crash-{n}.txt", content)
                with self.lock:
                    self.attempted += 1
                try:
                    status, r = self.api.call("POST", f"/api/v1/websites/{self.website}/duties/{self.duty}/evidence", body, ctype, timeout=30)
                except (urllib.error.URLError, OSError):
                    continue
                if status == 201:
                    sha = hashlib.sha256(content).hexdigest()
                    if r.get("sha256") != sha:
                        self.failures.append(f"upload acknowledged with SHA-256 {r.get('sha256')}, sent {sha}")
                    with self.lock:
                        self.acked[r["id"]] = (sha, len(content))
                elif status not in (500, 503):
                    self.failures.append(f"upload answered {status}: {r}")
            finally:
                self.done()

    def commenter(self):
        while not self.stop.is_set():
            self.gate()
            try:
                try:
                    status, _ = self.api.call("POST", f"/api/v1/websites/{self.website}/duties/{self.duty}/comments", {"body": f"崩溃测试评论 crash comment {uuid.uuid4()}"})
                except (urllib.error.URLError, OSError):
                    continue
                if status == 201:
                    with self.lock:
                        self.comments_acked += 1
            finally:
                self.done()
            time.sleep(0.05)

    def log_writer(self):
        path = os.path.join(self.dir, "access.log")
        with open(path, "a", encoding="ascii") as f:
            while not self.stop.is_set() and not self.log_stop.is_set():
                i = self.lines_written
                ip = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
                stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
                f.write(f'{ip} - - [{stamp}] "GET /news.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--&n={i} HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n')
                f.flush()
                self.lines_written += 1
                time.sleep(0.1)

    # --- checks -------------------------------------------------------------------------------------------
    def query(self, sql):
        if self.kind == "sqlite":
            import sqlite3
            con = sqlite3.connect(f"file:{os.path.join(self.data, 'govguard.db')}?mode=ro", uri=True, timeout=30)
            try:
                return [tuple(r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        out = subprocess.run([self.a.psql, self.a.psql_conn, "-At", "-F", "\t", "-c", sql], capture_output=True, text=True, check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def check(self, rnd):
        problems = []
        v = subprocess.run([self.a.govguard, "audit", "verify"] + self.db_args(), capture_output=True, text=True)
        if v.returncode != 0:
            problems.append(f"audit verify failed: {v.stdout.strip()} {v.stderr.strip()}")
        rows = self.query('SELECT "Sha256", "Size" FROM evidence WHERE "FileName" IS NOT NULL')
        rows += self.query('SELECT "Sha256", "Size" FROM incident_files')
        rows += self.query('SELECT "FileSha256", -1 FROM exit_records WHERE "FileSha256" IS NOT NULL')
        store = os.path.join(self.data, "evidence")
        named = set()
        for sha, size in rows:
            named.add(sha)
            p = os.path.join(store, sha[:2], sha)
            if not os.path.exists(p):
                problems.append(f"file of row {sha} is missing")
                continue
            b = open(p, "rb").read()
            if hashlib.sha256(b).hexdigest() != sha:
                problems.append(f"file {sha} does not match its hash (partial or altered)")
            if int(size) >= 0 and len(b) != int(size):
                problems.append(f"file {sha} has {len(b)} bytes, its row says {size}")
        if os.path.isdir(store):
            for root, _, files in os.walk(store):
                for name in files:
                    if name.endswith(".tmp"):
                        problems.append(f"temporary file left: {name}")
                    elif name not in named:
                        problems.append(f"orphan file without a row: {name}")
        have = dict((r[0].lower(), r[1]) for r in self.query('SELECT CAST("Id" AS TEXT), "Sha256" FROM evidence'))
        with self.lock:
            acked = dict(self.acked)
        for eid, (sha, _) in acked.items():
            found = have.get(eid.lower())
            if found != sha:
                problems.append(f"acknowledged upload {eid} is not in the database")
        for p in problems:
            self.failures.append(f"round {rnd}: {p}")
        return not problems

    def count(self, table):
        return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    # --- the run ------------------------------------------------------------------------------------------
    def main(self):
        os.makedirs(self.data, exist_ok=True)
        www = os.path.join(self.dir, "www")
        os.makedirs(www, exist_ok=True)
        with open(os.path.join(www, "index.html"), "w") as f:
            f.write("<html><body>crash</body></html>\n")
        open(os.path.join(self.dir, "access.log"), "a").close()
        log(f"{self.kind}: first start (seeding the demo)")
        self.start()
        self.seed()
        self.log_stop = threading.Event()
        agent_out = open(os.path.join(self.dir, "agent.log"), "ab")
        env = dict(os.environ, GOVGUARD_AGENT_TOKEN=self.agent_token)
        agent = self.agent = subprocess.Popen([self.a.govguard, "agent", "--server", self.base, "--webroot", www,
                                  "--log", os.path.join(self.dir, "access.log"), "--state", os.path.join(self.dir, "agent-state"),
                                  "--heartbeat", "5"], stdout=agent_out, stderr=agent_out, env=env, start_new_session=True)
        threads = [threading.Thread(target=self.uploader, args=(i,), daemon=True) for i in range(3)]
        threads.append(threading.Thread(target=self.commenter, daemon=True))
        threads.append(threading.Thread(target=self.log_writer, daemon=True))
        for t in threads:
            t.start()
        results_before = self.count("check_results")
        audit_before = self.count("audit_records")
        passed = 0
        done = 0
        deadline = time.time() + self.a.minutes * 60 if self.a.minutes else None
        for rnd in range(1, self.a.rounds + 1):
            if deadline and time.time() > deadline:
                log(f"{self.kind}: time limit reached after {done} rounds")
                break
            done = rnd
            time.sleep(random.uniform(0.5, 5.0))
            self.kill()
            self.paused.set()
            self.start()
            while True:
                with self.lock:
                    if self.inflight == 0:
                        break
                time.sleep(0.02)
            if self.check(rnd):
                passed += 1
            if rnd % 10 == 0:
                log(f"{self.kind}: round {rnd}/{self.a.rounds}, {passed} passed, {len(self.acked)} uploads acknowledged")
            self.paused.clear()
        # The end: stop the load, let the agent deliver what the log holds.
        self.paused.set()
        self.log_stop.set()
        time.sleep(1)
        scan = subprocess.run([self.a.govguard, "scan", "log", os.path.join(self.dir, "access.log"), "--format", "jsonl"], capture_output=True, text=True)
        expected = len([line for line in scan.stdout.splitlines() if line.strip()])
        received, events, seqs = 0, 0, []
        deadline = time.time() + 180
        while time.time() < deadline:
            status, evs = self.api.call("GET", f"/api/v1/agents/{self.agent_id}/events?limit=10000")
            if status == 200:
                seqs = [e["sequence"] for e in evs]
                events = len(evs)
                received = sum(e["findingCount"] for e in evs if e["stream"] == "log")
                if received >= expected:
                    break
            time.sleep(2)
        if received != expected:
            self.failures.append(f"agent: {expected} attacks in the log, the server holds {received}")
        if seqs != list(range(1, len(seqs) + 1)):
            self.failures.append("agent: the server's event sequences are not exactly 1..N once each")
        results = self.count("check_results") - results_before
        audits = self.count("audit_records")
        self.stop.set()
        agent.send_signal(signal.SIGTERM)
        agent.wait(timeout=30)
        have = dict((r[0].lower(), r[1]) for r in self.query('SELECT CAST("Id" AS TEXT), "Sha256" FROM evidence'))
        present = sum(1 for eid, (sha, _) in self.acked.items() if have.get(eid.lower()) == sha)
        if present != len(self.acked):
            self.failures.append(f"end: {len(self.acked) - present} acknowledged uploads are missing")
        stopped = "" if done == self.a.rounds else f" of {self.a.rounds} asked (stopped by the time limit)"
        print(f"{self.kind}: rounds {done}{stopped} (checks passed {passed}), uploads attempted {self.attempted}, "
              f"acknowledged {len(self.acked)}, present {present}; audited comments acknowledged {self.comments_acked}; "
              f"monitoring results written {results}; audit records {audits} ({audits - audit_before} during the run), chain verified after each restart; "
              f"agent: log lines {self.lines_written}, attacks in the log {expected}, received {received} in {events} events; "
              f"failures {len(self.failures)}", flush=True)
        for f in self.failures[:50]:
            print(f"  FAIL {f}", flush=True)
        self.kill()
        return 1 if self.failures else 0


def run(args):
    r = Run(args)
    try:
        return r.main()
    finally:
        # Nothing outlives the run, whatever ended it.
        for proc in (r.proc, getattr(r, "agent", None)):
            if proc is not None and proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--kind", choices=["sqlite", "postgres"], required=True)
    p.add_argument("--rounds", type=int, default=100)
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--govguard", required=True)
    p.add_argument("--minutes", type=float, default=0)
    p.add_argument("--conn")
    p.add_argument("--psql")
    p.add_argument("--psql-conn")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(run(p.parse_args()))
