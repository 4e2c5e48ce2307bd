// Whom the commands sent from here are for: nobody (the caller acts as themselves), or the person
// whose delegation to the caller runs now (a work item of theirs, or an initiative opened ?for=).
import { createContext, type ReactNode, useContext } from 'react';

const ActingFor = createContext<string | undefined>(undefined);

export function ActingForProvider({ person, children }: { person: string | undefined; children: ReactNode }) {
  return <ActingFor.Provider value={person}>{children}</ActingFor.Provider>;
}

/** The person the caller acts for here (sent as On-Behalf-Of), or undefined. */
export function useActingFor(): string | undefined {
  return useContext(ActingFor);
}
