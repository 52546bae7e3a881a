//! Catalogs as flat lists of strings. The server writes the active language's catalog into the
//! page as a list; the browser reads it back into a [`super::Catalog`], so the wasm holds no
//! translations (only the shape of the catalog).

use std::borrow::Cow;

/// A value made only of texts, in a fixed order.
pub trait Texts: Sized {
    fn write(&self, out: &mut Vec<Cow<'static, str>>);
    fn read(input: &mut impl Iterator<Item = &'static str>) -> Option<Self>;
    /// The path of each text, in the order of [`Texts::write`] (for tests naming a text).
    fn names(path: &str, out: &mut Vec<String>) {
        out.push(path.to_owned());
    }
}

impl Texts for &'static str {
    fn write(&self, out: &mut Vec<Cow<'static, str>>) {
        out.push(Cow::Borrowed(self));
    }

    fn read(input: &mut impl Iterator<Item = &'static str>) -> Option<Self> {
        input.next()
    }
}

/// Numbered steps travel as one text with a line per step (no step spans lines).
impl Texts for &'static [&'static str] {
    fn write(&self, out: &mut Vec<Cow<'static, str>>) {
        out.push(Cow::Owned(self.join("\n")));
    }

    fn read(input: &mut impl Iterator<Item = &'static str>) -> Option<Self> {
        let steps: Vec<&'static str> = input.next()?.split('\n').collect();
        Some(steps.leak())
    }
}

/// Declares a struct whose fields are all [`Texts`], and implements [`Texts`] for it field by
/// field in declaration order.
macro_rules! texts {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty ),*
        }

        impl Texts for $name {
            fn write(&self, out: &mut Vec<std::borrow::Cow<'static, str>>) {
                $( Texts::write(&self.$field, out); )*
            }

            fn read(input: &mut impl Iterator<Item = &'static str>) -> Option<Self> {
                Some(Self { $( $field: <$ty as Texts>::read(input)?, )* })
            }

            fn names(path: &str, out: &mut Vec<String>) {
                $( <$ty as Texts>::names(&format!("{path}.{}", stringify!($field)), out); )*
            }
        }
    };
}
pub(crate) use texts;
