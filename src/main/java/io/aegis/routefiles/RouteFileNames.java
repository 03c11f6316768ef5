package io.aegis.routefiles;

/** Which names in the routes folder are route files; editors' swap, backup and lock files are not. */
public final class RouteFileNames {

    private RouteFileNames() {
    }

    public static boolean isRouteFile(String name) {
        return name.endsWith(".yaml")
                && !name.startsWith(".")   // vim .x.swp, emacs .#x lock links, dotfiles in general
                && !name.startsWith("#")   // emacs #x# autosaves
                && !name.endsWith("~")     // backups
                && name.length() > ".yaml".length();
    }
}
