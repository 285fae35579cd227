/** The locality dashboard: a coordinator's most frequent read, and the biggest one a client makes. */
export const LOCALITY_DASHBOARD = `query($id: ID!) {
  locality(id: $id) {
    name code activeMemberCount
    members { joinedOn organisation { id name sector people { fullName competencies { name level } } } }
    programmes {
      name status
      participants { name }
      leader { person { fullName } reconfirmBy }
      openNomination { person { fullName } endorsements { position organisation { name } } tally { supporting pending agreed } }
    }
  }
}`;
