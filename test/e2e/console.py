#!/usr/bin/env python3
"""Types into the serial console of the interactive busybox shell like a
person at `make run` would, and checks what comes back (Issue 3's "Done
when" as a test).

QEMU is started through `tools/qemu-run --interactive` (the serial console
multiplexed with the monitor on stdio, exactly as `make run` does) with its
stdio on a pseudo-terminal we hold the master side of: our writes are the
keyboard, our reads the screen.  Like a real terminal of ROWS x COLS we
answer the cursor position query (ESC [ 6 n): the login shell's `resize`
(/etc/profile) parks the cursor far down-right and asks, so the guest's
tty learns our size and `stty size`, vi and top use it.  (vi asks only
when the tty has no size, so it never waits for us.)

First every step is declared (`PLAN <name>-<step>`, tools/run-suites'
protocol), then every step prints one line: `PASS <name>-<step>` or
`FAIL <name>-<step>: why`; notes for people start with `# `.  Every wait
is bounded; the only process ever killed is the QEMU started here, by its
PID.

    test/e2e/console.py --name console-kernel --kernel build/tern.elf \\
        --initrd build/initramfs.cpio --append console=ttyS0
    test/e2e/console.py --name console-iso --iso build/tern.iso
    test/e2e/console.py --name console-linux --kernel build/linux/vmlinux \\
        --initrd build/initramfs-linux.cpio \\
        --append "console=ttyS0 quiet panic=-1"
"""
import argparse
import calendar
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

# Escape sequences a VT100-ish screen receives: cursor positioning becomes
# a line break (so full-screen programs read as lines), the rest is dropped.
CUP = re.compile(rb'\x1b\[[0-9;]*[Hf]')
ANSI = re.compile(rb'\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78DEHMc])')
PROMPT = r'tern:[^\n#]*# '
# The terminal's size, answered to ESC [ 6 n (as a cursor parked at the
# bottom-right corner reports it).
ROWS, COLS = 40, 120
CPR_QUERY = b'\x1b[6n'


class Console:
    """QEMU on a pty: send keys, wait for text, with bounded waits."""

    def __init__(self, cmd, log_path, char_delay):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', ROWS, COLS, 0, 0))
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.raw = b''
        self.mark = 0
        self.answered = 0	# self.raw up to here was scanned for queries
        os.makedirs(os.path.dirname(log_path) or '.', exist_ok=True)
        self.log = open(log_path, 'wb')
        self.char_delay = char_delay
        self.exit_status = None

    def pump(self, timeout):
        """Reads whatever QEMU printed within `timeout` seconds."""
        if self.master is None:
            time.sleep(timeout)
            return
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:		# EIO: QEMU closed its side
            data = b''
        if not data:
            self.poll_exit()
            if self.exit_status is not None:
                os.close(self.master)
                self.master = None
            else:
                time.sleep(min(timeout, 0.05))
            return
        self.log.write(data)
        self.log.flush()
        self.raw += data
        # Answer each cursor position query once, as a terminal would.
        while (i := self.raw.find(CPR_QUERY, self.answered)) >= 0:
            self.answered = i + len(CPR_QUERY)
            self.write(b'\x1b[%d;%dR' % (ROWS, COLS))
        self.answered = max(self.answered, len(self.raw) - len(CPR_QUERY) + 1)

    def poll_exit(self):
        if self.exit_status is None:
            self.exit_status = self.proc.poll()
        return self.exit_status

    def text(self, start=None):
        """Screen output since `start` (default: the mark), escapes and
        carriage returns removed."""
        raw = self.raw[self.mark if start is None else start:]
        raw = ANSI.sub(b'', CUP.sub(b'\n', raw))
        return raw.replace(b'\r', b'').decode('utf-8', 'replace')

    def expect(self, regex, timeout, count=1):
        """Waits until `regex` matches `count` times in the output since the
        mark; returns the match list or None."""
        pat = re.compile(regex, re.M)
        end = time.monotonic() + timeout
        while True:
            found = pat.findall(self.text())
            if len(found) >= count:
                return found
            left = end - time.monotonic()
            if left <= 0 or self.poll_exit() is not None and self.master is None:
                return None
            self.pump(min(left, 0.2))

    def write(self, data):
        if self.master is None:
            return
        try:
            os.write(self.master, data)
        except OSError:
            pass

    def settle(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(end - time.monotonic())

    def set_mark(self):
        self.pump(0)
        self.mark = len(self.raw)

    def type(self, keys, mark=True):
        """Types `keys` one at a time at a person's pace (the mark moves
        first, so the answer is what comes after)."""
        if mark:
            self.set_mark()
        for ch in keys.encode():
            self.write(bytes([ch]))
            self.settle(self.char_delay)

    def key(self, data, mark=True):
        if mark:
            self.set_mark()
        self.write(data)

    def wait_exit(self, timeout):
        end = time.monotonic() + timeout
        while self.poll_exit() is None and time.monotonic() < end:
            self.pump(0.1)
        return self.poll_exit()

    def close(self):
        if self.poll_exit() is None:
            # Only the QEMU we started, by its PID (qemu-run execs it).
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None
        self.log.close()


class Fail(Exception):
    pass


class Session:
    def __init__(self, con, scale):
        self.con = con
        self.scale = scale

    def t(self, seconds):
        return seconds * self.scale

    def prompt(self, seconds, what):
        if self.con.expect(PROMPT + r'$', self.t(seconds)) is None:
            raise Fail(f'no prompt within {self.t(seconds):g} s {what}; '
                       f'screen: {tail(self.con.text())}')

    def run(self, cmd, seconds=15):
        """Types a command line, waits for the next prompt, returns the
        output lines between (the echoed command line excluded)."""
        self.con.settle(0.2)	# a person glances at the prompt
        self.con.type(cmd + '\r')
        self.prompt(seconds, f'after `{cmd}`')
        out = self.con.text()
        lines = out.split('\n')
        return lines[1:-1] if len(lines) > 1 else []

    def want(self, lines, regex, what):
        pat = re.compile(regex)
        if not any(pat.search(l) for l in lines):
            raise Fail(f'{what}; got: {tail(chr(10).join(lines))}')

    def exit_status(self, want):
        lines = self.run('echo "st=$?"')
        self.want(lines, rf'^st={want}$', f'$? is not {want}')


def tail(text, n=300):
    text = text.strip()
    if len(text) > n:
        text = '...' + text[-n:]
    return repr(text)


# ---- the steps: each raises Fail(why) or returns -------------------------

def step_ls(s):
    out = s.run('ls -l /')
    for d in ('bin', 'dev', 'proc'):
        s.want(out, rf'^[dl]\S+\s.*\s{d}( -> .*)?$', f'ls -l / lists no {d}')


def step_ps(s):
    out = s.run('ps')
    s.want(out, r'^\s*PID\s', 'ps printed no header')
    s.want(out, r'^\s*1\s+\S+\s', 'ps lists no pid 1')
    s.want(out, r'\ssh( -l)?$|\s-?sh$|\{sh\}', 'ps lists no sh')


def step_meminfo(s):
    out = s.run('cat /proc/meminfo')
    s.want(out, r'^MemTotal:\s+[1-9][0-9]* kB$', 'no MemTotal line')


def step_pipeline(s):
    out = s.run('echo hello | tr a-z A-Z')
    s.want(out, r'^HELLO$', 'pipeline did not print HELLO')


def step_subst(s):
    out = s.run('echo "got $(echo abc | wc -c) chars"')
    s.want(out, r'^got 4 chars$', '$(...) did not substitute')


def step_bg_jobs(s):
    s.started_bg = time.monotonic()
    s.run('sleep 2 &')
    out = s.run('jobs')
    s.want(out, r'^\[1\]\+\s+Running\s+sleep 2$', 'jobs does not list the running job')


def step_bg_done(s):
    # After the job ends, the next prompt is preceded by its Done notice;
    # a person presses Enter now and then until it shows.
    done = r'^\[1\]\+\s+Done\s+sleep 2$'
    t0 = getattr(s, 'started_bg', time.monotonic())
    left = t0 + 2.2 - time.monotonic()
    if left > 0:
        s.con.settle(left)
    end = time.monotonic() + s.t(8)
    seen = []
    while True:
        out = s.run('')
        seen += out
        if any(re.search(done, l) for l in out) or time.monotonic() > end:
            break
        s.con.settle(1.0)
    s.want(seen, done, 'no "[1]+ Done sleep 2" notice within '
           f'{time.monotonic() - t0:.1f} s of starting sleep 2')


def step_wait(s):
    t0 = time.monotonic()
    out = s.run('sleep 1 & wait; echo "waited $?"')
    s.want(out, r'^waited 0$', 'wait did not return 0')
    if time.monotonic() - t0 < 0.9:
        raise Fail('wait returned before sleep 1 could have ended')


def foreground_sleep(s):
    s.con.settle(0.3)
    s.con.type('sleep 100\r')
    if s.con.expect(r'sleep 100\n', s.t(10)) is None:
        raise Fail('sleep 100 was not echoed')
    s.con.settle(1.0)		# it is running now; a person waits a moment
    if s.con.expect(PROMPT + r'$', 0) is not None:
        raise Fail('sleep 100 returned at once')


def step_intr(s):
    foreground_sleep(s)
    t0 = time.monotonic()
    s.con.key(b'\x03')
    s.prompt(5, 'after ^C on sleep 100')
    took = time.monotonic() - t0
    s.exit_status(130)
    if took > s.t(5):
        raise Fail(f'^C took {took:.1f} s')


def step_susp(s):
    foreground_sleep(s)
    s.con.key(b'\x1a')
    s.prompt(5, 'after ^Z on sleep 100')
    s.want(s.con.text().split('\n'), r'\[1\]\+\s+Stopped\s+sleep 100$',
           'no "[1]+ Stopped sleep 100" notice')
    out = s.run('jobs')
    s.want(out, r'^\[1\]\+\s+Stopped\s+sleep 100$', 'jobs does not list the stopped job')


def step_fg(s):
    s.con.settle(0.3)
    s.con.type('fg\r')
    if s.con.expect(r'^sleep 100$', s.t(10)) is None:
        raise Fail(f'fg did not name the job; screen: {tail(s.con.text())}')
    s.con.settle(1.0)
    if s.con.expect(PROMPT + r'$', 0) is not None:
        raise Fail('fg returned at once')
    s.con.key(b'\x03')
    s.prompt(5, 'after ^C on the resumed sleep 100')
    s.exit_status(130)
    out = s.run('jobs')
    if any(l.strip() for l in out):
        raise Fail(f'jobs not empty after the job ended: {tail(chr(10).join(out))}')


def step_size(s):
    # The login shell asked the terminal (resize in /etc/profile).
    out = s.run('stty size')
    s.want(out, rf'^{ROWS} {COLS}$', f'stty size is not the terminal\'s {ROWS} {COLS}')


def step_vi(s):
    s.run('rm -f /tmp/f')
    s.con.settle(0.3)
    s.con.type('vi /tmp/f\r')
    # An empty buffer is drawn as a column of ~ lines: the window's rows
    # less the first line and the status line.
    if s.con.expect(r'^~', s.t(15), count=ROWS - 2) is None:
        raise Fail(f'vi drew fewer than {ROWS - 2} ~ rows of a {ROWS}-row terminal; '
                   f'screen: {tail(s.con.text())}')
    s.con.settle(0.5)
    s.con.type('i')
    s.con.type('hello from vi', mark=False)
    s.con.type('\rsecond line', mark=False)
    s.con.settle(0.3)
    s.con.key(b'\x1b', mark=False)
    s.con.settle(0.7)		# let vi see a lone ESC, not a key sequence
    s.con.type(':wq\r', mark=False)
    s.prompt(10, 'after :wq in vi')
    out = s.run('cat /tmp/f')
    s.want(out, r'^hello from vi$', 'the file lacks the first line')
    s.want(out, r'^second line$', 'the file lacks the second line')


def step_top(s):
    s.con.settle(0.3)
    s.con.type('top -d 1\r')
    # Every refresh redraws the header (Mem:, CPU:, Load average:).
    if s.con.expect(r'Load average:', s.t(15), count=3) is None:
        n = len(re.findall('Load average:', s.con.text()))
        raise Fail(f'top drew its screen {n} time(s) in {s.t(15):g} s, wanted 3; '
                   f'screen: {tail(s.con.text())}')
    s.want(s.con.text().split('\n'), r'^Mem: ', 'top shows no Mem: line')
    s.want(s.con.text().split('\n'), r'PID\s+PPID\s+USER', 'top shows no process table')
    s.top_screen = s.con.text()
    s.con.key(b'q')
    s.prompt(5, 'after q in top')


def step_top_procs(s):
    # What top shows of the shell and itself, from /proc/<pid>/stat:
    # columns PID PPID USER STAT VSZ %VSZ CPU %CPU COMMAND; a static
    # busybox maps about a megabyte, and a running process has resident
    # pages (STAT W means none).
    screen = getattr(s, 'top_screen', '')
    for cmd in ('top -d 1', 'sh -l'):
        rows = re.findall(r'^\s*(\d+)\s+(\d+)\s+\S+\s+(\S+)\s+(\d+)([mg]?)\s.*\s'
                          + re.escape(cmd) + r'\s*$', screen, re.M)
        if not rows:
            raise Fail(f'top showed no row for `{cmd}`')
        pid, ppid, stat, vsz, unit = rows[-1]
        kb = int(vsz) * {'': 1, 'm': 1024, 'g': 1 << 20}[unit]
        if kb < 256:
            raise Fail(f'top shows VSZ {vsz}{unit} for `{cmd}` (pid {pid}); '
                       f'a static busybox maps about 1 MB')
        if 'W' in stat:
            raise Fail(f'top shows STAT {stat} (no resident pages) for `{cmd}` (pid {pid})')


def read_uptime(s):
    """(guest /proc/uptime, host monotonic time at the middle of the
    command's round trip)."""
    h0 = time.monotonic()
    out = s.run('cat /proc/uptime')
    h1 = time.monotonic()
    for l in out:
        m = re.match(r'^([0-9]+\.[0-9]+) [0-9]+\.[0-9]+$', l)
        if m:
            return float(m.group(1)), (h0 + h1) / 2
    raise Fail(f'/proc/uptime unreadable: {tail(chr(10).join(out))}')


def step_clock(s):
    # The guest's clock keeps up with the wall clock over the session
    # (about half a minute), as it does on Linux under the same TCG load:
    # sleeps, top's refreshes and timeouts all run on it.
    if not hasattr(s, 'uptime0'):
        raise Fail('no /proc/uptime reading at the start of the session')
    g1, h1 = read_uptime(s)
    g0, h0 = s.uptime0
    ratio = (g1 - g0) / (h1 - h0)
    if not 0.9 <= ratio <= 1.1:
        raise Fail(f'/proc/uptime advanced {g1 - g0:.1f} s in {h1 - h0:.1f} s of wall time '
                   f'(ratio {ratio:.2f})')


def step_df(s):
    # df gives every file system a size: /tmp, /dev, /dev/shm (all tmpfs,
    # half of RAM each by default), and the root too, which busybox df
    # leaves out (it skips "rootfs" by design): stat -f shows it.
    out = s.run("df /tmp /dev /dev/shm; stat -f -c 'root %t %b %a' /")
    s.want(out, r'^root 1021994 [1-9][0-9]* [1-9][0-9]*$', 'stat -f / shows no tmpfs with a size')
    sizes = {}
    for l in out:
        f = l.split()
        if len(f) >= 6 and f[1].isdigit():
            sizes[f[-1]] = int(f[1])
    for mnt in ('/tmp', '/dev', '/dev/shm'):
        if not sizes.get(mnt):
            raise Fail(f'df shows no size for {mnt}; got: {tail(chr(10).join(out))}')


def step_uptime(s):
    # uptime's loads (sysinfo(2)) are /proc/loadavg's, truncated where
    # the file rounds (so up to 0.01 lower); both change every 5 s, so a
    # second try covers a sample between the two commands.
    for _ in range(2):
        out = s.run('uptime; cat /proc/loadavg')
        up = [re.search(r'load average: ([0-9.]+), ([0-9.]+), ([0-9.]+)', l) for l in out]
        up = [m.groups() for m in up if m]
        proc = [tuple(l.split()[:3]) for l in out if re.match(r'^[0-9.]+ [0-9.]+ [0-9.]+ ', l)]
        if not up or not proc:
            raise Fail(f'no load average from uptime or /proc/loadavg; got: {tail(chr(10).join(out))}')
        if all(0 <= round(float(p) - float(u), 2) <= 0.01 for u, p in zip(up[0], proc[0])):
            return
    raise Fail(f'uptime says {up[0]}, /proc/loadavg {proc[0]}')


def step_hwclock(s):
    # The RTC holds the host's time (UTC; the guest has no TZ), and
    # hwclock -w / -s write it from and set the system clock from it.
    out = s.run('hwclock -r; hwclock -w && hwclock -s && echo hw-ok')
    host = time.time()
    s.want(out, r'^hw-ok$', 'hwclock -w or -s failed')
    for l in out:
        m = re.match(r'^(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})', l)
        if m:
            t = calendar.timegm(time.strptime(m.group(1), '%a %b %d %H:%M:%S %Y'))
            if abs(t - host) > 30:
                raise Fail(f'hwclock -r says {m.group(1)}, the host {time.asctime(time.gmtime(host))}')
            return
    raise Fail(f'hwclock -r printed no date; got: {tail(chr(10).join(out))}')


def step_poweroff(s):
    # busybox poweroff signals PID 1 (busybox init, SIGUSR2), which ends
    # every process and powers the machine off through reboot(2).
    s.con.settle(0.3)
    s.con.type('poweroff\r')
    st = s.con.wait_exit(s.t(20))
    if st is None:
        raise Fail(f'QEMU still running {s.t(20):g} s after poweroff; '
                   f'screen: {tail(s.con.text())}')
    if st not in (0, 33):		# ACPI power-off, or isa-debug-exit 0x10
        raise Fail(f'QEMU exited with status {st}')
    if not re.search(r'reboot: Power down', s.con.text()):
        raise Fail(f'QEMU ended without the kernel\'s power-down message; '
                   f'screen: {tail(s.con.text())}')


STEPS = [
    ('ls', step_ls), ('ps', step_ps), ('meminfo', step_meminfo),
    ('pipeline', step_pipeline), ('subst', step_subst),
    ('bg-jobs', step_bg_jobs), ('bg-done', step_bg_done), ('wait', step_wait),
    ('intr', step_intr), ('susp', step_susp), ('fg', step_fg),
    ('size', step_size), ('vi', step_vi), ('top', step_top), ('top-procs', step_top_procs),
    ('df', step_df), ('uptime', step_uptime), ('hwclock', step_hwclock),
    ('clock', step_clock), ('poweroff', step_poweroff),
]


def recover(s):
    """After a failed step: leave whatever program is on the screen the
    way a person would, and get a prompt back.  Returns False if the
    shell is gone."""
    con = s.con
    if con.poll_exit() is not None:
        return False

    def cleanup():
        # There may be a job left over: end it so numbering restarts.
        try:
            s.run('kill -9 %1 2>/dev/null; wait 2>/dev/null; echo recovered')
        except Fail:
            return False
        return True

    con.pump(0)
    if re.search(PROMPT + r'$', con.text()):
        return cleanup()	# the shell is already waiting for a command
    for keys in (b'q', b'\x1b', b'\x1b:q!\r', b'\x03', b'\r'):
        con.key(keys)
        if con.expect(PROMPT + r'$', s.t(2)) is not None:
            return cleanup()
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--name', required=True, help='check name prefix')
    ap.add_argument('--kernel')
    ap.add_argument('--initrd')
    ap.add_argument('--append')
    ap.add_argument('--iso')
    ap.add_argument('--log', help='raw console transcript')
    ap.add_argument('--boot-timeout', type=float, default=90)
    ap.add_argument('--scale', type=float, default=float(os.environ.get('CONSOLE_SCALE', '1')),
                    help='multiply every wait (slow machines)')
    ap.add_argument('--char-delay', type=float, default=0.02,
                    help='seconds between keystrokes')
    ap.add_argument('--only', help='comma-separated step names (poweroff always runs)')
    a = ap.parse_args()

    cmd = ['tools/qemu-run', '--interactive']
    if a.iso:
        cmd += ['--iso', a.iso, '--net']
    else:
        cmd += ['--kernel', a.kernel]
        if a.initrd:
            cmd += ['--initrd', a.initrd]
        if a.append:
            cmd += ['--append', a.append]
    log = a.log or os.path.join(os.environ.get('O', 'build'), a.name + '.log')
    steps = STEPS
    if a.only:
        keep = set(a.only.split(',')) | {'poweroff'}
        steps = [st for st in STEPS if st[0] in keep]

    def report(step, ok, why=''):
        name = f'{a.name}-{step}'
        if ok:
            print(f'PASS {name}', flush=True)
        else:
            why = re.sub(r'[\x00-\x1f]', ' ', why)
            print(f'FAIL {name}: {why} (transcript {log})', flush=True)

    for step in ['boot'] + [st[0] for st in steps]:
        print(f'PLAN {a.name}-{step}', flush=True)

    # A SIGTERM (the suite's own timeout) still stops our QEMU.
    def on_term(signum, frame):
        raise SystemExit(f'console.py: signal {signum}')
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    t_start = time.monotonic()
    times = []
    con = Console(cmd, log, a.char_delay)
    s = Session(con, a.scale)
    try:
        if con.expect(PROMPT + r'$', a.boot_timeout * a.scale) is None:
            report('boot', False, f'no shell prompt within {a.boot_timeout * a.scale:g} s; '
                   f'screen: {tail(con.text(0))}')
            for step, _ in steps:
                report(step, False, 'not run: no shell prompt')
            return 0
        report('boot', True)
        print(f'# note: {a.name}: prompt after {time.monotonic() - t_start:.1f} s', flush=True)
        try:
            s.uptime0 = read_uptime(s)
        except Fail as e:
            print(f'# note: {a.name}: {e}', flush=True)
        alive = True
        for step, fn in steps:
            if not alive:
                report(step, False, 'not run: the shell was lost in an earlier step')
                continue
            t0 = time.monotonic()
            try:
                fn(s)
                report(step, True)
                times.append(f'{step} {time.monotonic() - t0:.1f}')
            except Fail as e:
                report(step, False, f'{e} [{time.monotonic() - t0:.1f} s]')
                if step != 'poweroff':
                    alive = recover(s)
    finally:
        con.close()
        print(f'# note: {a.name}: {time.monotonic() - t_start:.1f} s in all; passed steps took '
              + ', '.join(times), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
