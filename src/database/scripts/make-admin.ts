import { MikroORM, RequestContext as OrmRequestContext } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { loadConfigOrExit } from '../../config/load-config-or-exit';
import { RequestContext } from '../../core/context/request-context';
import { RolesService } from '../../modules/accounts/roles.service';
import { runDatabaseScript } from './run-script';

/** `npm run make-admin -- <email>`: makes an existing account a platform admin (audited, actor: system). */
runDatabaseScript('make-admin', async (url, log) => {
  const email = process.argv[2];
  if (!email) {
    log('usage: npm run make-admin -- <email>');
    return 2;
  }
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, databaseUrl: url, logLevel: 'warn' }), {
    logger: false,
  });
  try {
    const orm = app.get(MikroORM);
    const outcome = await OrmRequestContext.create(orm.em, () =>
      app.get(RolesService).makeAdminByEmail(RequestContext.system('make-admin'), email, 'make-admin', { firstOnly: false }),
    );
    const messages = {
      granted: `${email} is now an admin`,
      already: `${email} was already an admin`,
      missing: `no account has the address ${email}`,
      'not-first': `${email} was not made an admin`,
    };
    log(messages[outcome]);
    return outcome === 'missing' ? 1 : 0;
  } finally {
    await app.close();
  }
});
