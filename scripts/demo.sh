#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job on an embedded default: installs what is missing, builds, runs the demo.
set -e
cd "$(dirname "$0")/.."
scripts/deps.sh
exec make demo
