CREATE TABLE `category` (`id` char(36), `name` varchar(200));
INSERT INTO `category` (`id`, `name`) VALUES ('cat-1', @@);
