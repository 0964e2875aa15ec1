/**
 * The tenant's directory: the users, groups and service principals that own and share resources,
 * and how each one appears as a `Principal` on the wire.
 */
import type { Principal } from "../seed/wireShapes.js";

/** One directory object. */
export interface DirectoryEntry {
  id: string;
  displayName: string;
  /** Mail address; null for groups without mail and for service principals. */
  email: string | null;
  type: "User" | "Group" | "ServicePrincipal";
  userPrincipalName: string | null;
}

/** Users, groups and service principals of the tenant, looked up by id or mail. */
export class Directory {
  private readonly byId = new Map<string, DirectoryEntry>();

  constructor(
    readonly tenantId: string,
    entries: readonly DirectoryEntry[],
  ) {
    for (const entry of entries) this.add(entry);
  }

  /** Adds (or replaces) an entry. */
  add(entry: DirectoryEntry): DirectoryEntry {
    this.byId.set(entry.id.toLowerCase(), { ...entry });
    return entry;
  }

  /** Every entry, in insertion order. */
  all(): DirectoryEntry[] {
    return [...this.byId.values()].map((e) => ({ ...e }));
  }

  /** Entries of one type. */
  ofType(type: DirectoryEntry["type"]): DirectoryEntry[] {
    return this.all().filter((e) => e.type === type);
  }

  /** The entry with this object id, case-insensitively. */
  get(id: string): DirectoryEntry | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** The entry with this mail or user principal name, case-insensitively. */
  findByEmail(email: string): DirectoryEntry | undefined {
    const wanted = email.toLowerCase();
    return [...this.byId.values()].find((e) => e.email?.toLowerCase() === wanted || e.userPrincipalName?.toLowerCase() === wanted);
  }

  /** How an entry appears as a principal (owner, creator, role holder). */
  principalOf(entry: DirectoryEntry): Principal {
    if (entry.type === "Group") return { id: entry.id, displayName: entry.displayName, email: entry.email, type: "Group", tenantId: this.tenantId };
    return {
      id: entry.id,
      displayName: entry.displayName,
      email: entry.email,
      type: entry.type,
      tenantId: this.tenantId,
      userPrincipalName: entry.userPrincipalName,
    };
  }

  /** The principal of an id; an id the directory does not know reads back as a deleted principal. */
  principal(id: string): Principal {
    const entry = this.get(id);
    return entry ? this.principalOf(entry) : orphanedPrincipal(id, this.tenantId);
  }

  /** The principal of a tenant-wide share. */
  tenantPrincipal(): Principal {
    return { id: this.tenantId, type: "Tenant", tenantId: this.tenantId };
  }
}

/** How the service shows a principal that no longer exists: no name, no mail, type `NotSpecified`. */
export function orphanedPrincipal(id: string, tenantId: string): Principal {
  return { id, displayName: null, email: null, type: "NotSpecified", tenantId, userPrincipalName: null };
}
