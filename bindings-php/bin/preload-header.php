<?php

/**
 * Writes the header to preload for web servers:
 *
 *   php bin/preload-header.php /etc/php/8.2/sobriete-ffi.h [/path/to/libsobriete_c.so]
 *
 * PHP's default `ffi.enable=preload` allows FFI::cdef() only on the command
 * line: in a web request (PHP-FPM, Apache mod_php) the declarations must be
 * loaded at server start. This writes the C header's declarations with
 * `FFI_SCOPE "SOBRIETE"` and `FFI_LIB` (the library's absolute path: the
 * argument, else SOBRIETE_LIB, else the repository's build) into the file
 * given; then, in the web SAPI's php.ini:
 *
 *   ffi.preload=/etc/php/8.2/sobriete-ffi.h
 *
 * and Library::load() finds the `SOBRIETE` scope and needs no FFI::cdef().
 * Run it again whenever the library is rebuilt with another header.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

$out = $argv[1] ?? null;
if ($out === null) {
    fwrite(STDERR, "usage: php bin/preload-header.php OUT.h [LIBRARY]\n");
    exit(2);
}
try {
    echo \Sobriete\Library::writePreloadHeader($out, $argv[2] ?? null), "\n";
} catch (\Sobriete\SobrieteException $e) {
    fwrite(STDERR, $e->getMessage() . "\n");
    exit(1);
}
