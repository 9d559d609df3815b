-- phpMyAdmin SQL Dump
-- A small database in the shape of Éco-clic's tables, written for the
-- tests of the library (every text is ours).
--
-- Hôte : 127.0.0.1:3306

SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;

-- --------------------------------------------------------

DROP TABLE IF EXISTS `answer`;
CREATE TABLE IF NOT EXISTS `answer` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `type` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `body` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `question_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `ponderation` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `IDX_ANSWER_QUESTION` (`question_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `answer` (`id`, `type`, `body`, `question_id`, `ponderation`) VALUES
('a-ref-oui', 'button', 'Oui', 'q-ref', 3),
('a-ref-non', 'button', 'Non', 'q-ref', 0),
('a-plan-oui', 'button', 'Oui', 'q-plan', 2),
('a-plan-non', 'button', 'Non', 'q-plan', 0),
('a-plan-nsp', 'button', 'Je ne sais pas', 'q-plan', 0),
('a-suivi-oui', 'button', 'Oui', 'q-suivi', 1),
('a-suivi-non', 'button', 'Non', 'q-suivi', 0),
('a-inv-complet', 'button', 'Oui, complet et tenu à jour', 'q-inventaire', 3),
('a-inv-partiel', 'button', 'Oui, en partie', 'q-inventaire', 1),
('a-inv-non', 'button', 'Non', 'q-inventaire', 0),
('a-inv-pc', 'button', 'La structure n\'est pas concernée', 'q-inventaire', 2),
('a-inv-nsp', 'button', 'Je ne sais pas', 'q-inventaire', 0),
('a-reemploi-interne', 'button', 'Réemployé dans nos services', 'q-reemploi', 3),
('a-reemploi-don', 'button', 'Donné à une association', 'q-reemploi', 3),
('a-reemploi-rebut', 'button', 'Mis au rebut', 'q-reemploi', 0),
('a-reemploi-nsp', 'button', 'Je ne sais pas', 'q-reemploi', 0),
('a-collecte-eco', 'button', 'Un éco-organisme', 'q-collecte', 2),
('a-collecte-presta', 'button', 'Un prestataire agréé', 'q-collecte', 1),
('a-collecte-dechet', 'button', 'La déchetterie', 'q-collecte', 0),
('a-collecte-autre', 'input', 'Autre filière, laquelle ?', 'q-collecte', 0),
('a-postes-agent', 'button', 'Un poste par agent', 'q-postes', 0),
('a-postes-partage', 'button', 'Des postes partagés', 'q-postes', 0),
('a-postes-precisez', 'input', 'Précisez', 'q-postes', 0),
('a-mesure-oui', 'button', 'Oui', 'q-mesure', 2),
('a-mesure-non', 'button', 'Non', 'q-mesure', 0),
('a-mesure-nsp', 'button', 'Je ne sais pas', 'q-mesure', 1),
('a-achats-oui', 'button', 'Oui', 'q-achats', 3),
('a-achats-non', 'button', 'Non', 'q-achats', 0),
('a-achats-pc', 'button', 'La structure n\'est pas concernée', 'q-achats', 3),
('a-gone-oui', 'button', 'Oui', 'q-gone', 2),
('a-gone-non', 'button', 'Non', 'q-gone', 0);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `category`;
CREATE TABLE IF NOT EXISTS `category` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `name` varchar(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `image` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `description` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `description_level2` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `sort_order` int DEFAULT NULL,
  `level_two` tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `category` (`id`, `name`, `image`, `description`, `description_level2`, `sort_order`, `level_two`) VALUES
('cat-parc', 'Équipements', 'Parc.svg', 'Ce que deviennent les équipements, de l\'achat au recyclage.\r\nDeux sous-thèmes : durée de vie et fin de vie.', NULL, 2, 0),
('cat-plus', 'Pour aller plus loin', 'Plus.svg', 'Des pratiques plus avancées.', 'Des pratiques plus avancées, pour le niveau 2.', 3, 1),
('cat-pilotage', 'Pilotage', 'Pilotage.svg', 'Qui porte la démarche &amp; comment.', NULL, 1, 0);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `collectivite`;
CREATE TABLE IF NOT EXISTS `collectivite` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `name` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `population` int NOT NULL,
  `departement_id` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `siret` char(14) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `type_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `opsn_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `level_two` tinyint(1) NOT NULL DEFAULT '0',
  `postal_code` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `first_answered_at` datetime DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)',
  `last_answered_at` datetime DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `collectivite` (`id`, `name`, `population`, `departement_id`, `siret`, `type_id`, `opsn_id`, `level_two`, `postal_code`, `first_answered_at`, `last_answered_at`) VALUES
('col-a', 'Commune d\'Essai-sur-Creuse', 812, '23', '21230001200017', 'type-mairie', NULL, 0, '23000', '2025-03-10 09:00:00', '2025-03-14 10:00:00'),
('col-b', 'Communauté de communes du Val', 15400, '2A', '200 012 345 00019', 'type-comcom', NULL, 1, '20000', '2025-04-01 09:00:00', '2025-04-02 17:30:00'),
('col-c', 'Syndicat intercommunal du numérique', 42000, '971', NULL, 'type-epci', NULL, 0, NULL, NULL, NULL),
('col-d', 'Commune de Ruisseau', 1250, '32', '2132', 'type-mairie', NULL, 0, '32000', '2024-01-01 08:00:00', '2024-06-01 12:00:00'),
('col-admin', 'opsnAdmin', 0, NULL, NULL, 'type-autre', NULL, 0, NULL, NULL, NULL);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `collectivite_answer`;
CREATE TABLE IF NOT EXISTS `collectivite_answer` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `answer_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `collectivite_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `body` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `answered_at` datetime NOT NULL COMMENT '(DC2Type:datetime_immutable)',
  `user_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `collectivite_answer` (`id`, `answer_id`, `collectivite_id`, `body`, `answered_at`, `user_id`) VALUES
('ca-a1', 'a-ref-non', 'col-a', NULL, '2025-03-10 09:05:00', NULL),
('ca-a2', 'a-inv-complet', 'col-a', NULL, '2025-03-10 09:06:00', NULL),
('ca-a3', 'a-reemploi-interne', 'col-a', NULL, '2025-03-10 09:07:00', NULL),
('ca-a4', 'a-collecte-eco', 'col-a', NULL, '2025-03-10 09:08:00', NULL),
('ca-a5', 'a-collecte-presta', 'col-a', NULL, '2025-03-10 09:08:10', NULL),
('ca-a6', 'a-collecte-autre', 'col-a', 'Une ressourcerie du canton,\nune fois par an', '2025-03-10 09:08:30', NULL),
('ca-a7', 'a-postes-partage', 'col-a', '', '2025-03-14 10:00:00', NULL),
('ca-b1', 'a-ref-oui', 'col-b', NULL, '2025-04-01 09:01:00', NULL),
('ca-b2', 'a-plan-oui', 'col-b', NULL, '2025-04-01 09:02:00', NULL),
('ca-b3', 'a-suivi-oui', 'col-b', NULL, '2025-04-01 09:03:00', NULL),
('ca-b4', 'a-inv-pc', 'col-b', NULL, '2025-04-01 09:04:00', NULL),
('ca-b5', 'a-reemploi-don', 'col-b', NULL, '2025-04-01 09:05:00', NULL),
('ca-b6', 'a-collecte-eco', 'col-b', NULL, '2025-04-01 09:06:00', NULL),
('ca-b7', 'a-postes-agent', 'col-b', NULL, '2025-04-01 09:07:00', NULL),
('ca-b8', 'a-postes-precisez', 'col-b', 'Postes fixes au siège, « portables » pour les élus', '2025-04-01 09:07:30', NULL),
('ca-b9', 'a-mesure-nsp', 'col-b', NULL, '2025-04-02 17:00:00', NULL),
('ca-b10', 'a-achats-pc', 'col-b', NULL, '2025-04-02 17:30:00', NULL),
('ca-c1', 'a-ref-oui', 'col-c', NULL, '2025-05-20 14:00:00', NULL),
('ca-c2', 'a-inv-nsp', 'col-c', NULL, '2025-05-21 15:30:00', NULL),
('ca-d1', 'a-ref-oui', 'col-d', NULL, '2024-01-01 08:01:00', NULL),
('ca-d2', 'a-plan-non', 'col-d', NULL, '2024-01-01 08:02:00', NULL),
('ca-d3', 'a-inv-partiel', 'col-d', NULL, '2024-01-01 08:03:00', NULL),
('ca-d4', 'a-inv-complet', 'col-d', NULL, '2024-06-01 12:00:00', NULL),
('ca-d5', 'a-reemploi-rebut', 'col-d', NULL, '2024-01-01 08:05:00', NULL),
('ca-d6', 'a-collecte-dechet', 'col-d', NULL, '2024-01-01 08:06:00', NULL),
('ca-d7', 'a-postes-agent', 'col-d', NULL, '2024-01-01 08:07:00', NULL),
('ca-d8', 'a-mesure-oui', 'col-d', NULL, '2024-01-01 08:08:00', NULL),
('ca-d9', 'a-gone-oui', 'col-d', 'Une réponse à une question retirée', '2024-01-01 08:09:00', NULL),
('ca-d10', 'a-zzz', 'col-d', NULL, '2024-01-01 08:10:00', NULL),
('ca-z1', 'a-ref-oui', 'col-zz', NULL, '2024-01-01 08:10:00', NULL);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `collectivite_type`;
CREATE TABLE IF NOT EXISTS `collectivite_type` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `label` varchar(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `collectivite_type` (`id`, `label`) VALUES
('type-ca', 'CA'),
('type-mairie', 'MAIRIE'),
('type-comcom', 'COMCOM'),
('type-autre', 'AUTRE'),
('type-epci', 'EPCI');

-- --------------------------------------------------------

DROP TABLE IF EXISTS `departement`;
CREATE TABLE IF NOT EXISTS `departement` (
  `code` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `region_code` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `departement` (`code`, `name`, `region_code`) VALUES
('23', 'Creuse', '75'),
('2A', 'Corse-du-Sud', '94'),
('32', 'Gers', '76'),
('971', 'Guadeloupe', '1');

-- --------------------------------------------------------

DROP TABLE IF EXISTS `question`;
CREATE TABLE IF NOT EXISTS `question` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `question` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `theme_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `category_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `multiple` tinyint(1) NOT NULL DEFAULT '0',
  `definition` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `additional_information` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `definition_title` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `sort_order` int NOT NULL,
  `parent_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `parent_answer_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `level_two` tinyint(1) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `question` (`id`, `question`, `theme_id`, `category_id`, `multiple`, `definition`, `additional_information`, `definition_title`, `sort_order`, `parent_id`, `parent_answer_id`, `level_two`) VALUES
('q-ref', 'Une personne (élu ou agent) est-elle chargée de la sobriété numérique ?', '0', 'cat-pilotage', 0, 'Référent : la personne qui coordonne la démarche.
Elle n\'a pas besoin d\'y consacrer un temps plein.', 'Sans personne pour la porter, une démarche s\'essouffle vite.', 'Référent', 1, NULL, NULL, 0),
('q-plan', 'Cette personne dispose-t-elle d\'une feuille de route écrite ?', '0', 'cat-pilotage', 0, '', 'Une feuille de route écrite rend les engagements \"visibles\" et vérifiables.', NULL, 2, 'q-ref', 'a-ref-oui', 0),
('q-suivi', 'La feuille de route est-elle revue chaque année ?', '0', 'cat-pilotage', 0, '', '', NULL, 3, 'q-plan', 'a-plan-oui', 0),
('q-achats', 'Vos marchés de matériel numérique comportent-ils des critères environnementaux ?', '0', 'cat-pilotage', 0, '', 'Les critères d\'achat orientent ce que les fournisseurs proposent.', NULL, 4, NULL, NULL, 1),
('q-inventaire', 'Tenez-vous un inventaire de vos équipements numériques ?', 'th-vie', 'cat-parc', 0, '', 'On ne gère bien que ce que l\'on connaît : l&rsquo;inventaire dit ce qui existe,\r\noù et depuis quand.', NULL, 1, NULL, NULL, 0),
('q-postes', 'Comment les postes de travail sont-ils attribués ?', 'th-vie', 'cat-parc', 0, '', '<p>Question posée pour <b>information</b>.</p>', NULL, 2, NULL, NULL, 0),
('q-reemploi', 'Que deviennent vos équipements encore utilisables quand vous les remplacez ?', 'th-fin', 'cat-parc', 0, '', 'Un équipement réemployé évite la fabrication d\'un neuf.', NULL, 1, NULL, NULL, 0),
('q-collecte', 'Par quelles filières vos équipements hors d\'usage sont-ils collectés ?', 'th-fin', 'cat-parc', 1, '', 'Les filières agréées traitent les substances dangereuses et récupèrent les matières.', NULL, 2, NULL, NULL, 0),
('q-mesure', 'Mesurez-vous l\'empreinte environnementale de votre parc ?', '0', 'cat-plus', 0, '', 'Mesurer permet de fixer des objectifs et de suivre leur atteinte.', NULL, 1, NULL, NULL, 1);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `recommandation`;
CREATE TABLE IF NOT EXISTS `recommandation` (
  `id` char(36) NOT NULL,
  `title` varchar(5000) DEFAULT NULL,
  `body` longtext,
  `question_id` char(36) NOT NULL,
  `level_id` smallint UNSIGNED NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `recommandation` (`id`, `title`, `body`, `question_id`, `level_id`) VALUES
('rec-1', 'Désigner un référent', 'Nommer une personne chargée de la démarche.', 'q-ref', 2);

-- --------------------------------------------------------

DROP TABLE IF EXISTS `theme`;
CREATE TABLE IF NOT EXISTS `theme` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `label` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `category_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `sort_order` int NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `theme` (`id`, `label`, `category_id`, `sort_order`) VALUES
('0', NULL, NULL, 0),
('th-fin', 'Fin de vie', 'cat-parc', 2),
('th-vie', 'Durée de vie ', 'cat-parc', 1);

COMMIT;
