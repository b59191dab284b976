#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The test command: installs what is missing (apt), then builds with ASan+UBSan and runs every test.
set -e
cd "$(dirname "$0")/.."
scripts/deps.sh
exec make check
