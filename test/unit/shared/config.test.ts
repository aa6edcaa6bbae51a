import { readLocalSettings } from '../../../local/local-config';
import { ConfigError, envVar, readConfig } from '../../../shared/config';

const spec = {
  TABLE_CASES: envVar.string("the cases table's name"),
  PORT: envVar.port('port to listen on'),
  LIMIT: envVar.optional(envVar.positiveInt('page size'), 50),
};

describe('reading configuration from the environment', () => {
  it('reads and converts every variable', () => {
    expect(readConfig(spec, { TABLE_CASES: 'cases', PORT: '8080', LIMIT: '10' })).toEqual({
      TABLE_CASES: 'cases',
      PORT: 8080,
      LIMIT: 10,
    });
  });

  it('uses the documented default of an optional variable', () => {
    expect(readConfig(spec, { TABLE_CASES: 'cases', PORT: '1' }).LIMIT).toBe(50);
  });

  it('names each missing variable and what it is for, all at once', () => {
    expect(() => readConfig(spec, {})).toThrow(ConfigError);
    expect(() => readConfig(spec, {})).toThrow(
      "configuration: TABLE_CASES is missing (the cases table's name); PORT is missing (port to listen on)",
    );
  });

  it('takes an empty value as missing', () => {
    expect(() => readConfig(spec, { TABLE_CASES: '', PORT: '1' })).toThrow('TABLE_CASES is missing');
  });

  it('names a malformed variable, its value and the rule', () => {
    expect(() => readConfig(spec, { TABLE_CASES: 'x', PORT: '99999' })).toThrow(
      /PORT="99999" is invalid: .*65535/,
    );
    expect(() => readConfig(spec, { TABLE_CASES: 'x', PORT: '1', LIMIT: '-3' })).toThrow(
      /LIMIT="-3" is invalid/,
    );
  });
});

describe('the local cloud settings', () => {
  it('has a documented default for every port', () => {
    expect(readLocalSettings({})).toMatchObject({
      host: '127.0.0.1',
      apiPort: 3000,
      dynamoDbPort: 8000,
      sesPort: 8005,
      sfnPort: 8083,
      travelPort: 8090,
      prefix: 'retorno',
      corsOrigins: ['*'],
      maxBodyBytes: 1048576,
    });
  });

  it('takes each port from its variable', () => {
    expect(
      readLocalSettings({
        RETORNO_API_PORT: '4000',
        RETORNO_TRAVEL_PORT: '4090',
        RETORNO_CORS_ORIGINS: 'http://a.test, http://b.test',
      }),
    ).toMatchObject({
      apiPort: 4000,
      travelPort: 4090,
      corsOrigins: ['http://a.test', 'http://b.test'],
    });
  });

  it('refuses a port that is not a port', () => {
    expect(() => readLocalSettings({ RETORNO_SES_PORT: 'eight' })).toThrow(
      /RETORNO_SES_PORT="eight" is invalid/,
    );
  });
});
