import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** What the outbox holds for each message: one JSON file per e-mail. */
export interface OutboxMessage extends MailMessage {
  readonly from: string;
  readonly sentAt: string;
}

/**
 * Sends e-mail over SMTP when SMTP_URL is set. Otherwise each message is written to the outbox
 * folder (and, outside production, to the log) so a developer can open the link it carries.
 */
@Injectable()
export class Mailer implements OnModuleInit {
  private transport: Transporter | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(Mailer.name);
  }

  onModuleInit(): void {
    const { smtpUrl, outboxDir } = this.config.mail;
    if (smtpUrl) {
      this.transport = nodemailer.createTransport(smtpUrl);
    } else if (this.config.isProduction) {
      this.logger.warn({ outboxDir }, 'SMTP_URL is not set: e-mail is written to the outbox folder and not delivered');
    }
  }

  async send(message: MailMessage): Promise<void> {
    const from = this.config.mail.from;
    if (this.transport) {
      await this.transport.sendMail({ from, ...message });
      this.logger.info({ to: message.to, subject: message.subject }, 'e-mail sent');
      return;
    }
    const sentAt = new Date().toISOString();
    const file = join(this.config.mail.outboxDir, `${sentAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`);
    await mkdir(this.config.mail.outboxDir, { recursive: true });
    await writeFile(file, JSON.stringify({ from, ...message, sentAt } satisfies OutboxMessage, null, 2));
    // The body carries single-use links: fine for a developer's terminal, not for production logs.
    const body = this.config.isProduction ? undefined : message.text;
    this.logger.info({ to: message.to, subject: message.subject, file, body }, 'e-mail written to the outbox');
  }
}
