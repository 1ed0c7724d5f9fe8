// A progress bar on stderr for long work, only when a person is watching (a TTY).

import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, label?: string): void;
  stop(): void;
}

export function progressBar(total: number, unit: string): Progress {
  if (!process.stderr.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: ` {bar} {percentage}% | {value}/{total} ${unit} | {label}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (done, label = '') => bar.update(Math.min(done, total), { label }),
    stop: () => bar.stop(),
  };
}
