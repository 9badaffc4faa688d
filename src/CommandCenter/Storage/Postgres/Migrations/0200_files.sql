-- The file store every node shares (photos, partial uploads, daily reports, archive files): one row per file, its
-- content whole. Names sort and compare byte-wise (COLLATE "C"), so listing by prefix is a range of the primary key.
CREATE TABLE cc_files (
    area        text NOT NULL,
    name        text COLLATE "C" NOT NULL,
    content     bytea NOT NULL,
    length      bigint NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (area, name)
);

-- Photos (JPEG, PNG, WebP) and archive files (gzip) are compressed already: kept out of line uncompressed, so PostgreSQL
-- does not spend time failing to compress them again.
ALTER TABLE cc_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- Sweeping old partial uploads looks at one area by age.
CREATE INDEX cc_files_modified ON cc_files (area, modified_at);
