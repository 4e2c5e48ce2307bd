/** The people of the retailer scenario, one click away on the development sign-in page. */
export const DEV_PERSONAS = [
  {
    sub: 'maria',
    name: 'Maria (improvement manager)',
    roles: ['improvement-manager'],
    departments: ['customer-service'],
  },
  { sub: 'li', name: 'Li (customer service lead)', roles: ['cs-lead'], departments: ['customer-service'] },
  { sub: 'omar', name: 'Omar (change board)', roles: ['change-board'], departments: ['it'] },
  { sub: 'ivan', name: 'Ivan (IT engineer)', roles: ['engineer'], departments: ['it'] },
  { sub: 'alice', name: 'Alice (agent)', roles: ['agent'], departments: ['customer-service'] },
  { sub: 'bob', name: 'Bob (agent)', roles: ['agent'], departments: ['customer-service'] },
  { sub: 'chen', name: 'Chen (agent)', roles: ['agent'], departments: ['customer-service'] },
  { sub: 'cio', name: 'Wei (CIO, escalations)', roles: ['cio'], departments: ['it'] },
] as const;
