//! Who issues the documents: printed on every PDF and shown where a customer pays by bank
//! transfer. Set by the operator (`PORTICO_SELLER_*`, see the README); the default is an
//! example company for the demo and tests.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seller {
    pub name: String,
    /// One line per address line.
    pub address: String,
    pub tax_id: String,
    pub bank: String,
    pub iban: String,
}

impl Seller {
    /// The example seller of the demo world, plainly not a real company.
    pub fn example() -> Seller {
        Seller {
            name: "Portico Példa Kft. (example)".into(),
            address: "Szőlő utca 12.\n1034 Budapest\nMagyarország".into(),
            tax_id: "HU12345678".into(),
            bank: "Példa Bank Zrt.".into(),
            iban: "HU42 1177 3016 1111 1018 0000 0000".into(),
        }
    }
}
