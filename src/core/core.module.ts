import { Global, Module } from '@nestjs/common';
import { BackgroundTasks } from './background/background-tasks.service';
import { Mailer } from './mail/mailer.service';
import { RateLimiterService } from './rate-limit/rate-limiter.service';

/** Cross-cutting services every module may use. */
@Global()
@Module({
  providers: [BackgroundTasks, Mailer, RateLimiterService],
  exports: [BackgroundTasks, Mailer, RateLimiterService],
})
export class CoreModule {}
