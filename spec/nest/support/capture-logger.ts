import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps what it is given, for assertions. */
export class CaptureLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string; context?: string }> = [];

  log(message: unknown, context?: string): void {
    this.lines.push({ level: 'log', message: String(message), context });
  }
  error(message: unknown, _stack?: string, context?: string): void {
    this.lines.push({ level: 'error', message: String(message), context });
  }
  warn(message: unknown, context?: string): void {
    this.lines.push({ level: 'warn', message: String(message), context });
  }

  /** The messages logged by `context` at `level`. */
  of(context: string, level = 'warn'): string[] {
    return this.lines.filter((l) => l.context === context && l.level === level).map((l) => l.message);
  }
}
