-- Uploaded files are already compressed (PDF, DOCX) or compress poorly against the cost of
-- trying on every upload: store them uncompressed, which halves the time to accept a large file.
alter table document_sources alter column content set storage external;
