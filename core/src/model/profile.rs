//! The profile of the collectivité that answers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Kind of collectivité or public body.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// Commune.
    Commune,
    /// Communauté de communes.
    CommunauteDeCommunes,
    /// Communauté d'agglomération.
    CommunauteDAgglomeration,
    /// Communauté urbaine.
    CommunauteUrbaine,
    /// Métropole.
    Metropole,
    /// Département.
    Departement,
    /// Région.
    Region,
    /// Syndicat or OPSN (opérateur public de services numériques).
    SyndicatOrOpsn,
    /// Any other public body.
    Other,
}

impl ProfileKind {
    /// Every kind, in declaration order.
    pub const ALL: [ProfileKind; 9] = [
        ProfileKind::Commune,
        ProfileKind::CommunauteDeCommunes,
        ProfileKind::CommunauteDAgglomeration,
        ProfileKind::CommunauteUrbaine,
        ProfileKind::Metropole,
        ProfileKind::Departement,
        ProfileKind::Region,
        ProfileKind::SyndicatOrOpsn,
        ProfileKind::Other,
    ];

    /// The JSON name (snake_case).
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileKind::Commune => "commune",
            ProfileKind::CommunauteDeCommunes => "communaute_de_communes",
            ProfileKind::CommunauteDAgglomeration => "communaute_d_agglomeration",
            ProfileKind::CommunauteUrbaine => "communaute_urbaine",
            ProfileKind::Metropole => "metropole",
            ProfileKind::Departement => "departement",
            ProfileKind::Region => "region",
            ProfileKind::SyndicatOrOpsn => "syndicat_or_opsn",
            ProfileKind::Other => "other",
        }
    }

    /// Parses the JSON name.
    pub fn parse(s: &str) -> Option<ProfileKind> {
        ProfileKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The label in a language.
    pub fn label(self, lang: crate::model::text::Lang) -> &'static str {
        match lang {
            crate::model::text::Lang::Fr => self.label_fr(),
            crate::model::text::Lang::En => self.label_en(),
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            ProfileKind::Commune => "commune",
            ProfileKind::CommunauteDeCommunes => "communauté de communes",
            ProfileKind::CommunauteDAgglomeration => "communauté d’agglomération",
            ProfileKind::CommunauteUrbaine => "communauté urbaine",
            ProfileKind::Metropole => "métropole",
            ProfileKind::Departement => "département",
            ProfileKind::Region => "région",
            ProfileKind::SyndicatOrOpsn => "syndicat or OPSN",
            ProfileKind::Other => "other public body",
        }
    }

    /// The French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            ProfileKind::Commune => "commune",
            ProfileKind::CommunauteDeCommunes => "communauté de communes",
            ProfileKind::CommunauteDAgglomeration => "communauté d’agglomération",
            ProfileKind::CommunauteUrbaine => "communauté urbaine",
            ProfileKind::Metropole => "métropole",
            ProfileKind::Departement => "département",
            ProfileKind::Region => "région",
            ProfileKind::SyndicatOrOpsn => "syndicat ou OPSN",
            ProfileKind::Other => "autre organisme public",
        }
    }
}

/// Who answers the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Name of the collectivité.
    pub name: String,
    /// Kind of collectivité.
    pub kind: ProfileKind,
    /// Population (inhabitants).
    pub population: u32,
    /// SIREN number (9 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siren: Option<String>,
    /// Establishment number (NIC, 5 digits): with the SIREN, the SIRET of
    /// the establishment that answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub establishment: Option<String>,
    /// INSEE code (5 characters, e.g. `23096` or `2A004`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insee: Option<String>,
    /// Département code (`01`–`95`, `2A`, `2B`, `971`–`976`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departement: Option<String>,
    /// Région code (INSEE, 2 digits, e.g. `75`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}
