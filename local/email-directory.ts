/**
 * The local cloud's email directory: one seeded demo address per member state and role, named
 * like the demo users (`authority.hn@demo.retorno.local`), so the mail viewer shows at a glance
 * who was written to. Languages and child-protection authorities (DINAF, PGN, CONAPINA, DIF...)
 * are the directory's defaults, as a deployment that leaves them out gets them.
 */
import { RCM_COUNTRY_CODES } from '../shared/countries';
import type { EmailDirectoryInput } from '../shared/notifications/email-directory';

/** The domain of every demo address. */
export const DEMO_EMAIL_DOMAIN = 'demo.retorno.local';

/** The demo address of a role, e.g. `consular.hn@demo.retorno.local` or `secretariat@demo.retorno.local`. */
export function demoAddress(role: string, country?: string): string {
  return `${role}${country ? `.${country.toLowerCase()}` : ''}@${DEMO_EMAIL_DOMAIN}`;
}

/** One demo address per member state and role, plus the Secretariat's and operations'. */
export function demoEmailDirectory(): EmailDirectoryInput {
  return {
    countries: Object.fromEntries(
      RCM_COUNTRY_CODES.map((country) => [
        country,
        {
          addresses: {
            consular: [demoAddress('consular', country)],
            authority: [demoAddress('authority', country)],
            reintegration: [demoAddress('reintegration', country)],
          },
          childProtection: { addresses: [demoAddress('child-protection', country)] },
        },
      ]),
    ) as EmailDirectoryInput['countries'],
    secretariat: [demoAddress('secretariat')],
    operations: [demoAddress('operations')],
  };
}
