#!/usr/bin/env node
// A committed, executable entry point: the compiled CLI in dist/ is created by the build.
import '../dist/cli.js'
