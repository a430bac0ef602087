"""The servers and the load of bench/pages.py: gunicorn, nginx with the documented
micro-cache in front, and wrk with its two request scripts, against every page in turn."""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent

LUA = """
threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
start = os.time()
counter = 0
request = function()
  counter = counter + 1
  local path = wrk.path
  if FRESH then
    -- new in every thread and every run (math.random repeats: the same seed everywhere)
    local value = "w" .. tid .. "x" .. start .. "x" .. counter
    if FRESH == "+" then
      path = path .. "+" .. value
    else
      local sep = string.find(path, "?", 1, true) and "&" or "?"
      path = path .. sep .. FRESH .. "=" .. value
    end
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format('{"rps": %.1f, "p50": %.2f, "p99": %.2f, "errors": %d, "non2xx": %d}\\n',
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def serve(port, settings_module, application, env, workers=2, threads=1):
    """gunicorn: 2 processes by default; the container runs 3 with 2 threads each."""
    command = [
        sys.executable, "-m", "gunicorn", application,
        "--workers", str(workers), "--threads", str(threads),
        "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--log-level", "warning",
    ]  # fmt: skip
    env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": settings_module}
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    if answers(port, tries=150, pause=0.2):
        return server
    server.terminate()
    raise SystemExit(f"gunicorn ({settings_module}) did not start on port {port}")


NGINX = """worker_processes 1;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  {http_part}
  server {{
    listen 127.0.0.1:{port};
    {server_part}
  }}
}}
"""


def proxy(nginx, port, site_port, folder):
    """nginx with docs/nginx-proxy-cache.conf in front of the site, as documented."""
    documented = (ROOT / "docs" / "nginx-proxy-cache.conf").read_text()
    http_part, server_part = documented.split("# --- server {} ---")
    http_part = http_part.replace("/var/cache/nginx/jitarsa", f"{folder}/cache")
    server_part = server_part.replace("127.0.0.1:8000", f"127.0.0.1:{site_port}")
    config = Path(folder) / "nginx.conf"
    config.write_text(
        NGINX.format(tmp=folder, port=port, http_part=http_part, server_part=server_part)
    )
    directives = f"daemon off; pid {folder}/nginx.pid;"
    if os.geteuid() == 0:  # its workers would otherwise run as nobody, locked out of folder
        directives += " user root;"
    command = [
        nginx, "-p", folder, "-c", str(config), "-e", f"{folder}/error.log", "-g", directives,
    ]  # fmt: skip
    server = subprocess.Popen(command)
    if answers(port, tries=50, pause=0.1):
        return server
    server.terminate()
    log = Path(folder, "error.log").read_text()[-2000:]
    raise SystemExit(f"nginx did not answer on port {port}:\n{log}")


def load(url, seconds, connections, script):
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script, url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# A target's last field -> the parameter given a new value on every request: none for a
# fixed address (False: cached; True: rendered, by the server with the page cache off), a
# made-up `n=` ("bust": a cache-busting client), `fbclid=` ("click": visitors from a
# Facebook share); the page cache drops both (activities/cache.py). "scrape" gives `q=` a
# new value: a new search on every request from one address, which the render budget
# (jitarsa/render_budget.py) answers with 429 after 120 a minute. "search" adds a new
# made-up word to the address's search (it ends in ?q=...) and asks the server with the
# page cache off: what a new search costs, kept matches and all missed.
FRESH = {False: None, True: None, "bust": "n", "click": "fbclid", "scrape": "q", "search": "+"}
RENDERED = {True, "search"}  # the kinds asked of the server with the page cache off


def lua_scripts(folder):
    """The wrk script for each kind of target (FRESH)."""
    scripts = {}
    for kind, parameter in FRESH.items():
        path = Path(folder) / f"load-{kind}.lua"
        value = json.dumps(parameter) if parameter else "nil"  # a Lua string or nil
        path.write_text(f"FRESH = {value}\n{LUA}")
        scripts[kind] = str(path)
    return scripts


def url_path(path):
    return quote(path, safe="/?=&-.%")


def answers(port, *, tries, pause):
    """Whether the server on `port` serves the yardstick page within `tries`."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
            return True
        except OSError:
            time.sleep(pause)
    return False


def measure(targets, args, env):
    """wrk against each page, --rounds times in turn; returns {key: [results]}.

    Three servers: the site, the same site with its page cache off (for the pages rendered
    from the database: a fixed address, so nothing but the page cache differs) and the
    plain Django yardstick."""
    gunicorn = {"workers": args.workers, "threads": args.threads}  # the same for all three
    site = serve(args.port, "bench.settings", "jitarsa.wsgi", env, **gunicorn)
    plain = serve(
        args.port + 1,
        "bench.plain_django",
        "django.core.wsgi:get_wsgi_application()",
        env,
        **gunicorn,
    )
    rendering = serve(
        args.port + 3,
        "bench.settings",
        "jitarsa.wsgi",
        {**env, "PUBLIC_PAGE_CACHE": "off"},
        **gunicorn,
    )
    servers = [site, plain, rendering]
    results = {key: [] for key, *_ in targets}
    sizes = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            pages_port = args.port
            if args.proxy:  # the cached pages through nginx
                servers.append(proxy(args.proxy, args.port + 2, args.port, folder))
                pages_port = args.port + 2
            ports = {"plain": args.port + 1, "plain-orm": args.port + 1, "bare": args.port}
            scripts = lua_scripts(folder)

            def address(key, path, kind):
                port = args.port + 3 if kind in RENDERED else ports.get(key, pages_port)
                return f"http://127.0.0.1:{port}{url_path(path)}"

            for key, _label, path, kind in targets:  # warm connections and the cache
                for _ in range(4):
                    with urllib.request.urlopen(address(key, path, kind)) as r:
                        sizes[key] = len(r.read())
            for _round in range(args.rounds):
                for key, _label, path, kind in targets:
                    run = load(
                        address(key, path, kind), args.seconds, args.connections, scripts[kind]
                    )
                    results[key].append(run)
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    return results, sizes
