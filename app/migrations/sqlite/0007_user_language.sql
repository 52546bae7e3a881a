-- The language a user chose in the header menu (en, fr, es, de, ja); NULL: never chose, so the
-- browser's Accept-Language decides.
ALTER TABLE user_account ADD COLUMN language TEXT CHECK (language IN ('en', 'fr', 'es', 'de', 'ja'));
