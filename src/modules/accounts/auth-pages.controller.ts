import { Body, Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../core/auth/access.decorators';
import { requestContextOf } from '../../core/context/request-context';
import { DomainError } from '../../core/errors/domain-errors';
import { EmailFlowsService } from './email-flows.service';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)} — Hometown</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}input,button{font:inherit;padding:.4rem;margin:.2rem 0;width:100%}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function form(action: string, token: string, fields: string, button: string): string {
  return `<form method="post" action="${action}"><input type="hidden" name="token" value="${escape(token)}">${fields}<button type="submit">${escape(button)}</button></form>`;
}

function failure(error: unknown): string {
  const message = error instanceof DomainError ? error.message : 'Something went wrong; try again later.';
  return `<p>${escape(message)}</p>`;
}

/**
 * Minimal pages behind the links in e-mails, so the flows work without a frontend (a frontend
 * points PUBLIC_URL at its own pages instead). Opening a link changes nothing: a button confirms,
 * as mail scanners open links by themselves.
 */
@Public()
@Controller('auth')
export class AuthPagesController {
  constructor(private readonly emailFlows: EmailFlowsService) {}

  @Get('verify-email')
  @Header('content-type', 'text/html; charset=utf-8')
  verifyEmailPage(@Query('token') token = ''): string {
    return page('Confirm your e-mail address', form('/auth/verify-email', token, '', 'Confirm'));
  }

  @Post('verify-email')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async verifyEmail(@Body() body: { token?: string }): Promise<string> {
    try {
      await this.emailFlows.verifyEmail(String(body?.token ?? ''));
      return page('E-mail address confirmed', '<p>Thank you. You can close this page.</p>');
    } catch (error) {
      return page('This link does not work', failure(error));
    }
  }

  @Get('reset-password')
  @Header('content-type', 'text/html; charset=utf-8')
  resetPasswordPage(@Query('token') token = ''): string {
    const fields =
      '<label>New password <input type="password" name="newPassword" minlength="8" maxlength="128" required autocomplete="new-password"></label>';
    return page('Choose a new password', form('/auth/reset-password', token, fields, 'Set password'));
  }

  @Post('reset-password')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async resetPassword(@Req() req: FastifyRequest, @Body() body: { token?: string; newPassword?: string }): Promise<string> {
    try {
      await this.emailFlows.resetPassword(requestContextOf(req), String(body?.token ?? ''), String(body?.newPassword ?? ''));
      return page('Password changed', '<p>Your password has been changed and every session signed out. Sign in with the new password.</p>');
    } catch (error) {
      return page('The password was not changed', failure(error));
    }
  }
}
