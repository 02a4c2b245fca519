#!/usr/bin/env bash
# The Slurm array job, tested against a real Slurm: a one-node cluster (munged, slurmctld,
# slurmd; 2 CPUs) started from a temporary configuration on this machine, an array of 8 shards
# of a scenario sweep run through deploy/slurm/mobile-stops.sbatch and merged, byte for byte
# what the single-machine run writes (JSON, CSV, HTML); then again with one running task
# requeued (`scontrol requeue JOB_TASK`), which must run again, finish, and merge the same;
# then a region set, one task per region, merged as `regions solve` writes it in one process.
# The daemons are stopped by their process ids at the end, whatever happens. Where Debian's
# slurm-wlm and munge cannot be installed, prints SKIPPED and why, and exits 0.
#
#   tests/slurm/run.sh            (after cargo build --release; .ci/run calls it)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/target/release/mobile-stops"
[ -x "$bin" ] || { echo "tests/slurm: build first (cargo build --release)"; exit 1; }

sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
fi
have() { command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; }
if ! have; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "SKIPPED: Slurm test: slurm-wlm and munge are not installed and there is no apt-get"; exit 0
    fi
    if [ "$(id -u)" != 0 ] && [ -z "$sudo" ]; then
        echo "SKIPPED: Slurm test: slurm-wlm and munge are not installed, and installing needs root or sudo"; exit 0
    fi
    echo "== installing slurm-wlm and munge"
    if ! ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slurm-wlm munge) >/tmp/mobile-stops-slurm-apt.log 2>&1; then
        echo "SKIPPED: Slurm test: apt-get could not install slurm-wlm and munge (see /tmp/mobile-stops-slurm-apt.log)"; exit 0
    fi
fi
if [ "$(id -u)" != 0 ] && [ -z "$sudo" ]; then
    echo "SKIPPED: Slurm test: slurmd must run as root (no root, no sudo here)"; exit 0
fi

work="$(mktemp -d /tmp/mobile-stops-slurm.XXXXXX)"
pids=()
stop() {
    for p in "${pids[@]}"; do $sudo kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 50); do $sudo kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        $sudo kill -9 "$p" 2>/dev/null || true
    done
}
trap stop EXIT
fail() { echo "FAILED: $*"; for f in "$work"/log/*.log; do echo "--- $f"; tail -n 20 "$f"; done; exit 1; }
mkdir -p "$work"/{log,state,spool,shards,shards2,out}
chmod 755 "$work"

# munge with its own key and socket, so a munged already running is left alone.
dd if=/dev/urandom of="$work/munge.key" bs=1 count=1024 status=none
chmod 400 "$work/munge.key"
$sudo munged --force --foreground --key-file="$work/munge.key" --socket="$work/munge.socket" \
    --pid-file="$work/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge.seed" \
    >"$work/log/munged.out" 2>&1 &
pids+=($!)

host="$(hostname -s)"
user="$(id -un)"
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
port=$(( 20000 + RANDOM % 20000 ))
cat >"$work/slurm.conf" <<CONF
ClusterName=mobilestops
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
# cred_expire: a requeued task waits this long before it may start again (default 120 s).
AuthInfo=socket=$work/munge.socket,cred_expire=10
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
JobRequeue=1
KillWait=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
for _ in $(seq 50); do [ -S "$work/munge.socket" ] && break; sleep 0.1; done
$sudo env SLURM_CONF="$SLURM_CONF" slurmctld -D -c -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
$sudo env SLURM_CONF="$SLURM_CONF" slurmd -D -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    state="$(sinfo -h -n "$host" -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && break
    sleep 1
done
[ "$state" = idle ] || fail "the node did not come up (state '$state')"
echo "== one-node Slurm up ($(sinfo -V), 2 CPUs, user $user)"

cd "$work"
cp "$root/examples/scenarios.toml" sweep.toml
rows=$("$bin" scenarios sweep.toml --format csv --quiet | tail -n +2 | wc -l)
"$bin" scenarios sweep.toml --format json --out out/single.json --report out/single.html --quiet
"$bin" scenarios sweep.toml --format csv --out out/single.csv --quiet

# Waits until the array job $1 has left the queue (at most $2 seconds).
wait_job() {
    for _ in $(seq "$2"); do
        [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
        sleep 1
    done
    fail "job $1 still queued after $2 s: $(squeue -j "$1")"
}
# Merges shards in $1 and compares every format with the single run.
check_merge() {
    "$bin" merge "$1"/shard-*.json --format json --out out/merged.json --report out/merged.html
    "$bin" merge "$1"/shard-*.json --format csv --out out/merged.csv
    cmp out/single.json out/merged.json || fail "merged JSON differs from the single run"
    cmp out/single.html out/merged.html || fail "merged report differs from the single run"
    cmp out/single.csv out/merged.csv || fail "merged CSV differs from the single run"
}

echo "== array of 8 shards of a $rows-row sweep"
job=$(MOBILE_STOPS="$bin" sbatch --parsable --array=0-7 --output="$work/log/%A_%a.log" \
    "$root/deploy/slurm/mobile-stops.sbatch" scenarios sweep.toml shards)
wait_job "$job" 120
[ "$(ls shards | wc -l)" = 8 ] || fail "expected 8 shard files, found: $(ls shards)"
check_merge shards
echo "ok: 8 shards merged, JSON, CSV and HTML byte-identical to the single-machine run"

echo "== again, with task 3 requeued while it runs"
# Task 3's first run waits (a long task); its requeued run (SLURM_RESTART_COUNT=1) does not.
cat >slow-mobile-stops <<WRAP
#!/bin/bash
if [ "\${SLURM_ARRAY_TASK_ID:-}" = 3 ] && [ "\${SLURM_RESTART_COUNT:-0}" = 0 ]; then sleep 300; fi
exec "$bin" "\$@"
WRAP
chmod +x slow-mobile-stops
job=$(MOBILE_STOPS="$work/slow-mobile-stops" sbatch --parsable --array=0-7 --output="$work/log/%A_%a.log" \
    "$root/deploy/slurm/mobile-stops.sbatch" scenarios sweep.toml shards2)
for _ in $(seq 60); do
    [ "$(squeue -h -j "${job}_3" -o %T 2>/dev/null)" = RUNNING ] && break
    sleep 1
done
[ "$(squeue -h -j "${job}_3" -o %T)" = RUNNING ] || fail "task 3 never ran"
scontrol requeue "${job}_3"
wait_job "$job" 240
restarts=$(scontrol show job "${job}_3" | grep -o 'Restarts=[0-9]*' | cut -d= -f2)
state=$(scontrol show job "${job}_3" | grep -o 'JobState=[A-Z]*' | cut -d= -f2)
[ "${restarts:-0}" -ge 1 ] || fail "task 3 was not requeued (Restarts=${restarts:-none})"
[ "$state" = COMPLETED ] || fail "task 3 ended $state, not COMPLETED"
check_merge shards2
echo "ok: task 3 requeued while running (Restarts=$restarts), completed, and the merge is still byte-identical"
echo "== regions: the embedded data by 10 km square, one array task per region"
"$bin" regions split --by mesh2 --p 3 --out regions 2>/dev/null
"$bin" regions solve regions --format csv --out out/regions-single.csv
n=$(( $(wc -l <regions/regions.csv) - 1 ))
job=$(MOBILE_STOPS="$bin" sbatch --parsable --array=0-$((n - 1)) --output="$work/log/%A_%a.log" \
    "$root/deploy/slurm/mobile-stops.sbatch" regions regions rshards)
wait_job "$job" 120
"$bin" merge rshards/shard-*.json --format csv --out out/regions-merged.csv
cmp out/regions-single.csv out/regions-merged.csv || fail "merged regions differ from the single run"
echo "ok: $n region tasks merged, byte-identical to solving every region in one process"
cd /
stop
pids=()
rm -rf "$work"
echo "PASSED: Slurm array jobs: 8 shards merged byte-identically, also after a requeue; regions too"
