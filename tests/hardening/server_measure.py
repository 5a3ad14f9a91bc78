# Cases 8, 9, 10 and 19 of issue 15 against a `vigie serve` binary (a measurement,
# not a test: the numbers are in docs/hardening-server.md).
# python3 tests/hardening/server_measure.py BINARY DB
import socket, subprocess, sys, time, threading, re, os
binary, db = sys.argv[1], sys.argv[2]
p = subprocess.Popen([binary, "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)/", p.stdout.readline()).group(1))
def rss():
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith("VmRSS"): return l.split()[1] + " kB"
def get(path, timeout=30, extra=""):
    t = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n".encode())
    data = b""
    try:
        while True:
            b = s.recv(1 << 16)
            if not b: break
            data += b
    except Exception as e:
        return None, len(data), time.time() - t, str(e)
    return data.split(b"\r\n", 1)[0].decode(), len(data), time.time() - t, ""
print("healthz alone:", get("/healthz"))
# 8: slow clients, one header line every 4 s
stop = False
def slow():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\n")
    i = 0
    while not stop:
        time.sleep(4)
        try: s.sendall(f"X-Slow-{i}: y\r\n".encode()); i += 1
        except Exception: return
slows = [threading.Thread(target=slow, daemon=True) for _ in range(8)]
for t in slows: t.start()
time.sleep(1)
print("8: healthz with 8 slow clients:", get("/healthz", timeout=15))
stop = True
time.sleep(4.5)
# 9: Range
rng = "Range: bytes=" + ",".join(["0-"] * 100) + "\r\n"
print("9: facets with 100 ranges:", get("/api/facets", extra=rng), "rss", rss())
# 10: many headers
s = socket.create_connection(("127.0.0.1", port), timeout=30)
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n")
sent = 0
line = b"X-Pad: " + b"a" * 1000 + b"\r\n"
try:
    while sent < 35 * 1024 * 1024:
        s.sendall(line * 64); sent += len(line) * 64
    s.sendall(b"\r\n")
except Exception as e:
    print("10: send stopped after", sent, "bytes:", e)
try:
    print("10: answer to", sent, "bytes of headers:", s.recv(200).split(b"\r\n")[0], "rss", rss())
except Exception as e:
    print("10: no answer:", e, "rss", rss())
for m in ("POST", "PUT"):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(f"{m} /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
    print("19:", m, s.recv(100).split(b"\r\n")[0])
print("19: from=2022-99-99:", get("/api/search?from=2022-99-99"))
p.terminate(); p.wait()
