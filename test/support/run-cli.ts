// Runs one CLI command in this process, as `shoplake <command> ...args` would, and captures
// what it printed and the exit code it set (leaving process.exitCode as it found it).

import type { Command } from 'commander';
import { vi } from 'vitest';

export interface CliOutcome {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

export async function runCli(command: Command, args: readonly string[]): Promise<CliOutcome> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await command.exitOverride().parseAsync([...args], { from: 'user' });
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = before;
  }
}
