import { principalFromClaims, readGroups } from '../../../shared/roles';

describe('the caller established from token claims', () => {
  it('reads a country role from the groups array', () => {
    expect(
      principalFromClaims({
        sub: 's-1',
        'cognito:username': 'consular.hn',
        'cognito:groups': ['consular:hn'],
      }),
    ).toEqual({
      subject: 's-1',
      username: 'consular.hn',
      role: 'consular',
      country: 'HN',
    });
  });

  it('reads the groups as HTTP APIs flatten them, "[a b]"', () => {
    expect(readGroups({ 'cognito:groups': '[authority:mx other]' })).toEqual(['authority:mx', 'other']);
    expect(principalFromClaims({ sub: 's', 'cognito:groups': '[authority:mx]' })).toMatchObject({
      role: 'authority',
      country: 'MX',
    });
  });

  it('reads a regional role without a country', () => {
    expect(principalFromClaims({ sub: 's', 'cognito:groups': ['auditor'] })).toEqual({
      subject: 's',
      username: 's',
      role: 'auditor',
    });
  });

  it('refuses a token with no sub', () => {
    expect(() => principalFromClaims({ 'cognito:groups': ['auditor'] })).toThrow('no sub');
  });

  it('refuses a token with no Retorno role, ignoring unrelated groups', () => {
    expect(() => principalFromClaims({ sub: 's', 'cognito:groups': ['admins'] })).toThrow('no Retorno role');
  });

  it('refuses a country role without a country, a regional role with one, and a non-member country', () => {
    for (const group of ['consular', 'secretariat:hn', 'consular:fr', 'consular:hn:extra']) {
      expect(() => principalFromClaims({ sub: 's', 'cognito:groups': [group] })).toThrow('no Retorno role');
    }
  });

  it('refuses a token that carries two roles', () => {
    expect(() => principalFromClaims({ sub: 's', 'cognito:groups': ['auditor', 'secretariat'] })).toThrow(
      'more than one',
    );
  });
});
