<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="restaurant" tilewidth="16" tileheight="16" tilecount="88" columns="8">
 <image source="restaurant.png" width="128" height="176"/>
</tileset>
