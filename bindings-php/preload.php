<?php

/**
 * OPcache preload script for web servers: see README.md, "On a web server".
 *
 * With PHP's default `ffi.enable=preload`, a web request (PHP-FPM, Apache
 * mod_php) may use FFI only from preloaded code: this preloads the
 * package's classes, whose Library::load() then takes the declarations
 * that `ffi.preload` loaded (the file bin/preload-header.php writes).
 *
 *   opcache.enable=1
 *   opcache.preload=/path/to/bindings-php/preload.php
 *   opcache.preload_user=www-data
 *   ffi.preload=/etc/php/8.2/sobriete-ffi.h
 */

declare(strict_types=1);

foreach (glob(__DIR__ . '/src/*.php') ?: [] as $file) {
    opcache_compile_file($file);
}
