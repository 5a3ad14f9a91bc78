# Issue 15, case 11: the crafted queries (and a few more) and three
# ordinary ones through `vigie serve`, twice; a measurement, not a test (the
# numbers are in docs/hardening-server.md).
# python3 tests/hardening/server_query_timing.py BINARY DB
import http.client, itertools, string, subprocess, sys, time, re, urllib.parse
p = subprocess.Popen([sys.argv[1], "serve", "--db", sys.argv[2], "--port", "0"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)/", p.stdout.readline()).group(1))
c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
ph = ['"de la"', '"à la"', '"et la"', '"de l"', '"dans la"', '"sur la"', '"pour la"', '"par la"', '"avec la"',
      '"que la"', '"et le"', '"de le"', '"dans le"', '"sur le"', '"pour le"', '"par le"']
qs = [" ".join(["a*"] * 333), " ".join(['"de la"'] * 100),
      " ".join(a + b + "*" for a, b in itertools.islice(itertools.product(string.ascii_lowercase, repeat=2), 200)),
      " ".join(ph + ["a*", "e*", "i*", "o*", "u*", "p*", "c*", "d*", "m*", "s*"]),
      " ".join(['"de la république française et de la"'] * 16),
      " ".join(["a*", "b*", "c*", "d*", "e*", "f*", "g*", "h*", "i*", "j*"] +
               ["de", "la", "le", "et", "les", "des", "en", "un", "une", "du", "au", "par", "pour", "sur", "dans", "est"] * 3),
      "NEAR".join([" de "] * 10),
      " OR ".join(['"de la"'] * 16 + [c + "*" for c in string.ascii_lowercase]),
      "mali", "armée malienne", "civils tués"]
c.request("GET", "/api/search?q=mali"); c.getresponse().read()
t = time.time()
for rep in range(2):
    for q in qs:
        c.request("GET", "/api/search?q=" + urllib.parse.quote(q)); r = c.getresponse(); r.read()
        if r.status != 200: print(r.status, q[:60])
print("%d searches: %.2f s" % (2 * len(qs), time.time() - t))
p.terminate(); p.wait()
