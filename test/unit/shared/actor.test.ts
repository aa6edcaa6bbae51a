import { actorOf, type Principal } from '../../../shared/roles';

describe('a principal recorded as an actor', () => {
  it('keeps the ids, the role and the country of a country role', () => {
    const consul: Principal = { subject: 's-1', username: 'consular.hn', role: 'consular', country: 'HN' };
    expect(actorOf(consul)).toEqual(consul);
  });

  it('has no country for a regional role, and nothing else the principal object carries', () => {
    const secretariat = {
      subject: 's-2',
      username: 'secretariat',
      role: 'secretariat',
      token: 'x',
    } as Principal;
    expect(actorOf(secretariat)).toEqual({ subject: 's-2', username: 'secretariat', role: 'secretariat' });
  });
});
