/**
 * The email directory: read from EMAIL_DIRECTORY (JSON, or gzip when large), every member state
 * required, defaults for languages and child-protection authorities, problems named by field,
 * and small enough for Lambda's 4 KB environment.
 */
import { demoEmailDirectory } from '../../../local/email-directory';
import { ConfigError } from '../../../shared/config';
import { RCM_COUNTRY_CODES } from '../../../shared/countries';
import {
  checkEmailDirectory,
  EMAIL_DIRECTORY_MAX_BYTES,
  type EmailDirectoryInput,
  encodeEmailDirectory,
  readEmailDirectory,
  recipientsOf,
} from '../../../shared/notifications/email-directory';

/** A directory as a deployment might write it: three long official addresses per office. */
function realisticDirectory(): EmailDirectoryInput {
  const three = (office: string, country: string) =>
    [1, 2, 3].map(
      (n) => `${office}-retornos-${n}@ministerio-de-relaciones-exteriores.gob.${country.toLowerCase()}`,
    );
  return {
    countries: Object.fromEntries(
      RCM_COUNTRY_CODES.map((country) => [
        country,
        {
          language: country === 'BZ' || country === 'CA' || country === 'US' ? 'en' : 'es',
          addresses: {
            consular: three('consulado', country),
            authority: three('migracion', country),
            reintegration: three('reintegracion', country),
          },
          childProtection: {
            name: `Autoridad de protección de la niñez ${country}`,
            addresses: three('ninez', country),
          },
        },
      ]),
    ) as EmailDirectoryInput['countries'],
    secretariat: ['st-crm@crmsv.org', 'fondo-reserva@crmsv.org'],
    operations: ['avr-operations@iom.int'],
  };
}

describe('the email directory', () => {
  it('reads back what encodeEmailDirectory wrote, plain when small and compressed when large', () => {
    const small = { ...demoEmailDirectory() };
    const encoded = encodeEmailDirectory(small);
    expect(encoded.startsWith('gzip:')).toBe(true);
    expect(readEmailDirectory({ EMAIL_DIRECTORY: encoded })).toEqual(checkEmailDirectory(small));
    expect(readEmailDirectory({ EMAIL_DIRECTORY: JSON.stringify(small) })).toEqual(
      checkEmailDirectory(small),
    );
  });

  it('fits eleven countries with three addresses per office into the room Lambda’s environment leaves', () => {
    const json = JSON.stringify(realisticDirectory());
    expect(Buffer.byteLength(json)).toBeGreaterThan(4096);
    expect(Buffer.byteLength(encodeEmailDirectory(realisticDirectory()))).toBeLessThanOrEqual(
      EMAIL_DIRECTORY_MAX_BYTES,
    );
    expect(Buffer.byteLength(encodeEmailDirectory(demoEmailDirectory()))).toBeLessThan(600);
  });

  it('fills in each country’s language and child-protection authority unless configured', () => {
    const directory = checkEmailDirectory(demoEmailDirectory());
    expect(directory.countries.HN.childProtection.name).toBe('DINAF');
    expect(directory.countries.GT.childProtection.name).toBe('PGN');
    expect(directory.countries.SV.childProtection.name).toBe('CONAPINA');
    expect(directory.countries.MX.childProtection.name).toBe('DIF');
    expect(directory.countries.CR.childProtection.name).toBe('PANI');
    expect(directory.countries.HN.language).toBe('es');
    expect(directory.countries.BZ.language).toBe('en');
    const configured = checkEmailDirectory(realisticDirectory());
    expect(configured.countries.GT.childProtection.name).toBe('Autoridad de protección de la niñez GT');
  });

  it('writes to a country’s offices in its language and to the regional offices in both', () => {
    const directory = checkEmailDirectory(demoEmailDirectory());
    expect(recipientsOf(directory, 'child_protection', 'SV')).toEqual({
      party: 'child_protection',
      addresses: ['child-protection.sv@demo.retorno.local'],
      languages: ['es'],
    });
    expect(recipientsOf(directory, 'operations')).toEqual({
      party: 'operations',
      addresses: ['operations@demo.retorno.local'],
      languages: ['es', 'en'],
    });
  });

  it('names every missing or malformed field at once', () => {
    const broken = demoEmailDirectory() as { countries: Record<string, unknown>; secretariat: unknown };
    delete broken.countries.PA;
    (broken.countries.HN as { addresses: { authority: unknown } }).addresses.authority = [];
    broken.secretariat = ['not-an-address'];
    expect(() => checkEmailDirectory(broken)).toThrow(ConfigError);
    expect(() => checkEmailDirectory(broken)).toThrow(
      /countries\.HN\.addresses\.authority: must list at least one address.*countries\.PA: .*secretariat\.0: must be an email address/,
    );
  });

  it('fails at cold start when EMAIL_DIRECTORY is missing or unreadable', () => {
    expect(() => readEmailDirectory({})).toThrow('EMAIL_DIRECTORY is missing');
    expect(() => readEmailDirectory({ EMAIL_DIRECTORY: 'gzip:not-gzip' })).toThrow(
      'EMAIL_DIRECTORY must be JSON',
    );
  });
});
