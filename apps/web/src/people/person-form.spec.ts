import type { DirectoryPerson } from '../api/types';
import { parsePeopleSearch } from './filters';
import { personFieldOf, personFormOf, toPutPerson } from './person-form';

const omar: DirectoryPerson = {
  id: 'omar',
  email: 'omar@example.com',
  displayName: 'Omar',
  locale: 'zh-CN',
  roles: ['change-board'],
  departments: ['it', 'security'],
  source: 'admin',
  lastSeenAt: null,
  updatedAt: '2026-12-01T09:00:00Z',
};

describe('the person form', () => {
  it('starts from the person as the directory has them, and sends them back unchanged', () => {
    const form = personFormOf(omar);
    expect(form).toEqual({
      id: 'omar',
      displayName: 'Omar',
      email: 'omar@example.com',
      locale: 'zh-CN',
      roles: 'change-board',
      departments: 'it, security',
    });
    expect(toPutPerson(form)).toEqual({
      id: 'omar',
      body: {
        email: 'omar@example.com',
        displayName: 'Omar',
        locale: 'zh-CN',
        roles: ['change-board'],
        departments: ['it', 'security'],
      },
      problems: null,
    });
  });

  it('sends no email or name for blank ones, and splits the lists at commas of either language', () => {
    const result = toPutPerson({
      ...personFormOf(),
      id: ' fatima ',
      roles: 'accountant，controller',
      departments: 'finance、 audit',
    });
    expect(result).toEqual({
      id: 'fatima',
      body: {
        email: null,
        displayName: null,
        locale: 'en',
        roles: ['accountant', 'controller'],
        departments: ['finance', 'audit'],
      },
      problems: null,
    });
  });

  it('needs an id and a well-formed email', () => {
    expect(toPutPerson({ ...personFormOf(), email: 'not an email' }).problems).toEqual({
      id: 'required',
      email: 'email',
    });
  });

  it('places the API’s errors at its fields', () => {
    expect(['email', 'roles.2', 'departments.0', 'locale', 'other'].map(personFieldOf)).toEqual([
      'email',
      'roles',
      'departments',
      'locale',
      null,
    ]);
  });
});

describe('the directory’s filters', () => {
  it('come from the URL, blank ones left out', () => {
    expect(parsePeopleSearch({ role: ' cs-lead ', department: '', q: 'li', other: 'x' })).toEqual({
      role: 'cs-lead',
      q: 'li',
    });
  });
});
