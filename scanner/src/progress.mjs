// Batch progress on stderr: on a terminal one line redrawn in place (bar, count, rate, ETA, the
// sites in flight); otherwise (a log file, CI, kubectl logs) one plain line per finished site.
import { safeText } from '@trackscope/presentation/text.mjs';

export function duration(ms) {
  if (!Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  // stream: where to write (process.stderr); tty: redraw in place; total: sites to scan;
  // skipped: sites already done (--resume), shown in the count but not in the rate.
  constructor({ stream = process.stderr, tty = Boolean(stream.isTTY), total, skipped = 0, quiet = false }) {
    Object.assign(this, { stream, tty, total, skipped, quiet });
    this.done = 0;
    this.scanned = 0;  // done with a browser (not input errors): what the rate counts
    this.ok = 0;
    this.errors = 0;
    this.started = Date.now();
    this.active = new Set();
    this.timer = null;
    if (this.tty && !quiet) this.timer = setInterval(() => this.#draw(), 1000);
    this.timer?.unref();
  }

  // Pages per minute so far (sites scanned over wall time).
  rate() {
    const minutes = (Date.now() - this.started) / 60000;
    return minutes > 0 ? this.scanned / minutes : 0;
  }

  eta() {
    const rate = this.rate();
    return rate > 0 ? ((this.total - this.done) / rate) * 60000 : Infinity;
  }

  start(url) {
    this.active.add(url);
    this.#draw();
  }

  finish(record) {
    this.active.delete(record.url);
    this.done += 1;
    if (record.timings?.visits) this.scanned += 1;
    if (record.ok) this.ok += 1;
    else this.errors += 1;
    if (this.quiet) return;
    if (this.tty) return this.#draw();
    const n = `[${this.skipped + this.done}/${this.skipped + this.total}]`;
    const what = record.ok
      ? `ok     ${safeText(record.url)}  ${record.counts?.trackingItems ?? 0} tracking items, ${record.trackers?.length ?? 0} trackers`
      : `error  ${safeText(record.url)}  ${safeText(record.error ?? '')}`;
    this.stream.write(`${n} ${what}  ${duration(record.timings?.ms)}  (${this.rate().toFixed(1)} pages/min, ETA ${duration(this.eta())})\n`);
  }

  #draw() {
    if (!this.tty || this.quiet) return;
    const width = 24;
    const fraction = this.total ? this.done / this.total : 1;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const current = [...this.active].map(u => { try { return new URL(u).host; } catch { return u; } }).join(' ');
    const line = `${bar} ${this.skipped + this.done}/${this.skipped + this.total} ${Math.round(fraction * 100)}%  ` +
                 `${this.rate().toFixed(1)} pages/min  ETA ${this.done ? duration(this.eta()) : '–'}  ok ${this.ok}  errors ${this.errors}  ${safeText(current)}`;
    const columns = this.stream.columns || 100;
    this.stream.write(`\r\x1b[K${line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line}`);
  }

  end() {
    if (this.timer) clearInterval(this.timer);
    if (this.tty && !this.quiet) {
      this.#draw();
      this.stream.write('\n');
    }
  }
}
