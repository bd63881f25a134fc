#!/bin/bash
# A Slurm job array solving one CSV of parameter rows in 4 parts:
#   sbatch examples/slurm/batch-array.sh params.csv
# Task i (SLURM_ARRAY_TASK_ID) writes part-i.csv with every 4th row starting at row i:
# `--shard auto` takes i from SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN and the count from
# SLURM_ARRAY_TASK_COUNT, so another --array range (e.g. 1-16) needs no other change.
# When every task has finished, put the rows back in input order:
#   optimal-reserve merge --out results.csv part-*.csv
# Needs the optimal-reserve command on the nodes' PATH (npm install -g optimal-reserve).
#SBATCH --job-name=optimal-reserve
#SBATCH --array=0-3
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --output=slurm-%A_%a.log
set -euo pipefail
in="${1:?usage: sbatch batch-array.sh params.csv}"
optimal-reserve batch --in "$in" --out "part-${SLURM_ARRAY_TASK_ID}.csv" --shard auto --quiet
