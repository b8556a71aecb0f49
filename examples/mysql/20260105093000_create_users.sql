CREATE TABLE users (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(255) NOT NULL,
  legacy_code varchar(20),
  UNIQUE KEY users_email (email)
) ENGINE=InnoDB;
