/** Which member accounts of the organization GuardDuty is turned on for automatically (`OrgFeatureStatus`). */
export enum AutoEnableMembers {
  /** Every member account: those already in the organization and those that join later. */
  ALL = 'ALL',
  /** Only accounts that join the organization from now on; existing members stay as they are. */
  NEW = 'NEW',
  /** No account automatically; the administrator manages each member by hand. Every feature is NONE too. */
  NONE = 'NONE',
}
