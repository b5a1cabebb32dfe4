// Runs one command and watches it: wall time, peak RSS (VmHWM of the Node process, polled, and GNU time's %M,
// which is the largest RSS of any process in the tree), bytes in a dedicated temp dir, free space of that
// filesystem, and every regular file any process of the tree has open for writing.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  statfsSync,
} from 'node:fs';
import { performance } from 'node:perf_hooks';

export const GNU_TIME = '/usr/bin/time';

/** Children I started that are still running (pid → true), for the SIGINT handler. */
export const running = new Set();

/** Sends `sig` to every process group I started and that is still running. */
export function killRunning(sig = 'SIGTERM') {
  for (const pid of running) {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* gone */
      }
    }
  }
}

const read = (p) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/** Direct children of `pid`, all threads included (a child belongs to the thread that forked it). */
function childrenOf(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    const s = read(`/proc/${pid}/task/${t}/children`);
    if (s) for (const c of s.trim().split(/\s+/)) if (c) out.push(Number(c));
  }
  return out;
}

function tree(root) {
  const all = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift();
    all.push(p);
    queue.push(...childrenOf(p));
  }
  return all;
}

function statusKiB(pid, field) {
  const s = read(`/proc/${pid}/status`);
  const m = s && new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(s);
  return m ? Number(m[1]) : undefined;
}

/** Regular files `pid` has open with O_WRONLY or O_RDWR. */
function filesOpenForWrite(pid) {
  const out = [];
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    let target;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith('/') || target.startsWith('/dev/') || target.startsWith('/proc/')) continue;
    const info = read(`/proc/${pid}/fdinfo/${fd}`);
    const m = info && /^flags:\s+([0-7]+)/m.exec(info);
    if (m && (parseInt(m[1], 8) & 3) !== 0) out.push(target);
  }
  return out;
}

/** Bytes of regular files under `dir` (recursive). */
export function dirBytes(dir) {
  let total = 0;
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = `${dir}/${e.name}`;
    try {
      if (e.isDirectory()) total += dirBytes(p);
      else if (e.isFile()) total += statSync(p).size;
    } catch {
      /* vanished */
    }
  }
  return total;
}

const CLK_TCK = 100; // getconf CLK_TCK: 100 on Linux x86-64

/** utime + stime (+ cutime + cstime: reaped children) of `pid`, in seconds; 0 when it is gone. */
function cpuOf(pid, withReaped) {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return 0;
  const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  const [ut, st, cut, cst] = [f[11], f[12], f[13], f[14]].map(Number);
  return (ut + st + (withReaped ? cut + cst : 0)) / CLK_TCK;
}

/**
 * CPU seconds used so far by the processes `pids` and all their descendants, live or reaped. Differences of two
 * snapshots give what a server (PostgreSQL: postmaster + backends; Ceph: mon, osd, radosgw) spent during a stage.
 */
export function treeCpuSeconds(pids) {
  let total = 0;
  for (const root of pids) for (const pid of tree(root)) total += cpuOf(pid, true);
  return total;
}

export function freeBytes(path) {
  const s = statfsSync(path);
  return Number(s.bavail) * Number(s.bsize);
}

/**
 * Runs `cmd args` and resolves when it exits (rejects on non-zero exit unless `allowFail`).
 * opts: env, cwd, stdout ('pipe' | 'ignore' | path of a file to write | '/dev/null'), stdin (path or 'ignore'),
 *       rss (true: wrap in GNU time — peak RSS of the tree, CPU seconds of the tree — and poll VmHWM of the
 *       process it runs), tmpDir (watched dir),
 *       pollMs.
 */
export function runMeasured(cmd, args, opts = {}) {
  const pollMs = opts.pollMs ?? 100;
  const rssFile = opts.rss ? `${opts.scratch ?? '/tmp'}/time-${process.pid}-${Date.now()}.txt` : undefined;
  const argv = opts.rss ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const fds = [];
  const fileFd = (p, flags) => {
    const fd = openSync(p, flags);
    fds.push(fd);
    return fd;
  };
  const stdin = !opts.stdin || opts.stdin === 'ignore' ? 'ignore' : fileFd(opts.stdin, 'r');
  const stdout =
    !opts.stdout || opts.stdout === 'pipe' ? 'pipe' : opts.stdout === 'ignore' ? 'ignore' : fileFd(opts.stdout, 'w');

  const watch = {
    nodeHwmKiB: 0,
    treeRssKiB: 0,
    tmpPeakBytes: 0,
    fsDropBytes: 0,
    writeFiles: new Set(),
  };
  const fsBefore = opts.tmpDir ? freeBytes(opts.tmpDir) : 0;
  const tmpBefore = opts.tmpDir ? dirBytes(opts.tmpDir) : 0;
  const ownBefore = opts.ownDir ? dirBytes(opts.ownDir) : 0;

  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv[1], {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: [stdin, stdout, 'pipe'],
      detached: true, // own process group: the SIGINT handler can stop the whole tree
    });
    running.add(child.pid);
    let out = '';
    let err = '';
    child.stdout?.on('data', (b) => (out += b));
    // stderr lines with the second they arrived at: where the time went (startup, checks, stream, sidecars)
    const timeline = [];
    let partial = '';
    child.stderr.on('data', (b) => {
      err += b;
      if (err.length > 1 << 20) err = err.slice(-(1 << 19));
      const lines = (partial + b).split('\n');
      partial = lines.pop();
      const at = +((performance.now() - t0) / 1000).toFixed(2);
      for (const line of lines) if (line && timeline.length < 200) timeline.push([at, line]);
    });
    let tick = 0;
    const poll = () => {
      tick++;
      const pids = tree(child.pid);
      let rss = 0;
      for (const pid of pids) {
        // the process GNU time runs (`node`: its comm may read MainThread, so go by position, not by name)
        if (opts.rss && !watch.nodePid && childrenOf(child.pid).includes(pid)) watch.nodePid = pid;
        if (pid === watch.nodePid) watch.nodeHwmKiB = Math.max(watch.nodeHwmKiB, statusKiB(pid, 'VmHWM') ?? 0);
        if (pid !== child.pid || !opts.rss) rss += statusKiB(pid, 'VmRSS') ?? 0;
        if (opts.tmpDir && tick % 2 === 0) for (const f of filesOpenForWrite(pid)) watch.writeFiles.add(f);
      }
      watch.treeRssKiB = Math.max(watch.treeRssKiB, rss);
      if (opts.tmpDir) {
        watch.tmpPeakBytes = Math.max(watch.tmpPeakBytes, dirBytes(opts.tmpDir) - tmpBefore);
        watch.fsDropBytes = Math.max(watch.fsDropBytes, fsBefore - freeBytes(opts.tmpDir));
      }
      // growth of a bigger dir (the benchmark's own servers' data), walked rarely: attributes a drop of free space
      if (opts.ownDir && tick % 20 === 1)
        watch.ownGrowthBytes = Math.max(watch.ownGrowthBytes ?? 0, dirBytes(opts.ownDir) - ownBefore);
    };
    const timer = opts.rss || opts.tmpDir ? setInterval(poll, pollMs) : undefined;
    child.on('error', (e) => {
      clearInterval(timer);
      running.delete(child.pid);
      for (const fd of fds) closeSync(fd);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wall = (performance.now() - t0) / 1000;
      clearInterval(timer);
      running.delete(child.pid);
      for (const fd of fds) closeSync(fd);
      let timeMaxKiB;
      let cpu;
      if (rssFile && existsSync(rssFile)) {
        // the last line (GNU time prefixes "Command exited with non-zero status" lines on failure)
        const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(rssFile, 'utf8').trim());
        if (m) {
          timeMaxKiB = Number(m[1]);
          cpu = Number(m[2]) + Number(m[3]);
        }
        rmSync(rssFile, { force: true });
      }
      const result = {
        code,
        signal,
        wall,
        stdout: out,
        stderr: err,
        timeline,
        nodeHwmKiB: watch.nodeHwmKiB || undefined,
        timeMaxKiB,
        cpu,
        treeRssKiB: watch.treeRssKiB || undefined,
        tmpPeakBytes: opts.tmpDir ? watch.tmpPeakBytes : undefined,
        fsDropBytes: opts.tmpDir ? Math.max(0, watch.fsDropBytes) : undefined,
        ownGrowthBytes: opts.ownDir ? Math.max(0, watch.ownGrowthBytes ?? 0) : undefined,
        writeFiles: [...watch.writeFiles],
      };
      if ((code !== 0 || signal) && !opts.allowFail) {
        const e = new Error(
          `${[cmd, ...args].join(' ').slice(0, 300)} failed (${signal ?? `exit ${code}`}):\n${err.trim().split('\n').slice(-25).join('\n')}`,
        );
        e.result = result;
        reject(e);
      } else resolve(result);
    });
  });
}

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const max = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return v.length ? Math.max(...v) : undefined;
};
