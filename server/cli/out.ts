/** What the command line says to its user: stdout for results, stderr for progress and errors. */
import process from 'node:process'

export function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

export function note(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** A failure the user can act on: its message, and the exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}
