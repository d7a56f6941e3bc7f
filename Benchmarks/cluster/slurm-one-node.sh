#!/usr/bin/env bash
# A real Slurm on this machine: installs slurm-wlm and munge from apt (as root), writes a one-node
# slurm.conf for this host (2 CPUs), starts munged, slurmctld and slurmd, submits the job array of
# docs/workflows.md (sweep.sbatch, 4 shards of the release `lode sweep --cold`), waits, merges the
# shards with `lode merge`, checks the result equals the unsharded sweep (`cmp`, manifest too), and
# stops the daemons it started. Output and timings: Benchmarks/cluster/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lode="${LODE:-$root/.build/release/lode}"
[ "$(id -u)" = 0 ] || { echo "run as root (it installs packages and starts daemons)" >&2; exit 1; }
begin=$(date +%s.%N)
elapsed() { awk -v now="$(date +%s.%N)" -v begin="$begin" 'BEGIN { printf "%6.1f s  ", now - begin }'; }
say() { elapsed; echo "$*"; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
if [ ! -x "$lode" ]; then
  say "building the release lode"
  (cd "$root" && swift build -c release --product lode >/dev/null)
fi

work="$(mktemp -d /tmp/lode-slurm.XXXXXX)"
ln -s "$root/models" "$work/models"
cp "$here/sweep.sbatch" "$work/"
# The host by name, reached at 127.0.0.1 (no name resolution needed, as on a fresh CI machine).
host="$(hostname -s)"
spool="$work/spool"
mkdir -p "$spool/ctld" "$spool/d" /etc/slurm
conf=/etc/slurm/slurm.conf
[ -e "$conf" ] && cp "$conf" "$work/slurm.conf.before"
cat >"$conf" <<CONF
# One node, this host, 2 CPUs: written by Benchmarks/cluster/slurm-one-node.sh.
ClusterName=lode
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
StateSaveLocation=$spool/ctld
SlurmdSpoolDir=$spool/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=lode Nodes=$host Default=YES MaxTime=10 State=UP
CONF

stop() {
  # Only the daemons this script started, by their pid files.
  for pid in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
    [ -s "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 1
  if [ -e "$work/slurm.conf.before" ]; then cp "$work/slurm.conf.before" "$conf"; else rm -f "$conf"; fi
}
trap stop EXIT

say "starting munged, slurmctld, slurmd ($host, 2 CPUs)"
mkdir -p /run/munge && chown munge:munge /run/munge
runuser -u munge -- /usr/sbin/munged
cp /run/munge/munged.pid "$work/munged.pid"
slurmctld
slurmd
for _ in $(seq 1 60); do
  sinfo -h -o '%T' 2>/dev/null | grep -q idle && break
  sleep 0.5
done
sinfo

cd "$work"
export PATH="$(dirname "$lode"):$PATH"
say "sbatch --wait sweep.sbatch (array 0-3)"
sbatch --wait sweep.sbatch
say "array done: $(ls slurm-*_*.out | tr '\n' ' ')"
for out in slurm-*_*.out; do sed "s/^/  $out: /" "$out"; done

say "lode merge"
lode merge shard-0.csv shard-1.csv shard-2.csv shard-3.csv --output sweep.csv
say "the unsharded sweep"
lode sweep models/cobalt/model.yaml --policy crma-65 --cold \
  --vary policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.001 --output whole.csv
cmp sweep.csv whole.csv
cmp sweep.csv.manifest.json whole.csv.manifest.json
say "OK: the merged shards equal the unsharded sweep byte for byte ($(($(wc -l <sweep.csv) - 1)) points, manifest too)"
