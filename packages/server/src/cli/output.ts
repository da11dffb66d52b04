/** Prints a command's result: one JSON object with --json, readable lines otherwise. */
export function output(json: boolean, value: unknown, lines: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`)
}
