# Shared by the bench scripts (sourced, after they cd to the repo root).

# The machine a figure was measured on: date, cores, CPU model and the load average as the run starts.
machine_line() {
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · nproc=$(nproc) · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') · load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# A TCP port free on 127.0.0.1 now (the app and its embedded servers bind loopback).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
