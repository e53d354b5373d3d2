import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

/**
 * Work that must not delay (or show in the timing of) a response, such as sending an e-mail.
 * Failures are logged; shutdown waits for tasks still running.
 */
@Injectable()
export class BackgroundTasks implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(BackgroundTasks.name);
  }

  run(name: string, task: () => Promise<unknown>): void {
    const promise: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error, task: name }, 'background task failed'),
      )
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves when every task started so far (and any they start) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }
}
