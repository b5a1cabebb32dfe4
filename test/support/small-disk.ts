/**
 * A small disk for tests of temporary space: a tmpfs of a given size (root mounts it; others through `sudo -n`, as on
 * a hosted runner). `watch` records every file created under it and the peak of its used space while it runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const sh = promisify(execFile);
const asRoot = (args: string[]) =>
  process.getuid?.() === 0 ? sh(args[0]!, args.slice(1)) : sh('sudo', ['-n', ...args]);

export interface SmallDisk {
  dir: string;
  bytes: number;
  /** Starts recording: names of files created (relative), and the peak used bytes; stop() returns them. */
  watch(): { stop(): { names: string[]; peakUsed: number } };
  unmount(): Promise<void>;
}

const used = (dir: string) => {
  const s = statfsSync(dir);
  return (Number(s.blocks) - Number(s.bfree)) * Number(s.bsize);
};

export async function smallDisk(mib: number): Promise<SmallDisk> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'small-disk-'));
  await asRoot(['mount', '-t', 'tmpfs', '-o', `size=${mib}m,mode=1777`, 'tmpfs', dir]);
  return {
    dir,
    bytes: mib * 1024 * 1024,
    watch() {
      const names = new Set<string>();
      let peakUsed = used(dir);
      const w = watch(dir, { recursive: true }, (_event, name) => {
        if (name) names.add(String(name));
        peakUsed = Math.max(peakUsed, used(dir));
      });
      return {
        stop() {
          w.close();
          return { names: [...names].sort(), peakUsed: Math.max(peakUsed, used(dir)) };
        },
      };
    },
    async unmount() {
      await asRoot(['umount', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
