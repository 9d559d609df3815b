CREATE TABLE `question` (`id` char(36), `question` text, `category_id` char(36));
INSERT INTO `question` VALUES ('q-1', 'Une question ?');
