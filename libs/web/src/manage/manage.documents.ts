/** The GraphQL document of the management hub. */

/** Who is asking: the hub is for coordinators and tenant administrators. */
export const MANAGE_HUB = /* GraphQL */ `query WebManageHub { me { role } }`;
